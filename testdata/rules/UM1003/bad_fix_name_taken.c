// Two handlers in one file: the first already keeps a capture called
// RequestCapture, so the fix for the second numbers its copy (...Capture2).
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_LIMITS {
    ULONG MaxEntries;
    ULONG Slot;
} SAMPLE_LIMITS, *PSAMPLE_LIMITS;

static ULONG g_MaxEntries;
static ULONG g_Enabled[8];

NTSTATUS SampleGetLimits(PIRP Irp)
{
    PSAMPLE_LIMITS Request = (PSAMPLE_LIMITS)Irp->UserBuffer;
    SAMPLE_LIMITS RequestCapture;
    __try {
        ReadStructFromUserAligned(&RequestCapture, Request, TYPE_ALIGNMENT(SAMPLE_LIMITS));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    g_MaxEntries = RequestCapture.MaxEntries;
    return STATUS_SUCCESS;
}

NTSTATUS SampleEnableSlot(PIRP Irp)
{
    PSAMPLE_LIMITS Request = (PSAMPLE_LIMITS)Irp->UserBuffer;
    __try {
        if (ReadULongFromUser(&Request->Slot) >= 8)
            return STATUS_INVALID_PARAMETER;
        g_Enabled[ReadULongFromUser(&Request->Slot)] = 1; // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
