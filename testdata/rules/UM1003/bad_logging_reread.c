// Benign: the second read only feeds a debug print. Still two values where
// the code means one (a warning, not an error).
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_MODE {
    ULONG Mode;
    ULONG Reserved;
} SAMPLE_MODE, *PSAMPLE_MODE;

static ULONG g_Mode;

NTSTATUS SampleSetMode(PIRP Irp)
{
    PSAMPLE_MODE Request = (PSAMPLE_MODE)Irp->UserBuffer;
    ULONG Mode;
    __try {
        Mode = ReadULongFromUser(&Request->Mode);
        if (Mode > 3)
            return STATUS_INVALID_PARAMETER;
        DbgPrint("sample: mode %lu\n", ReadULongFromUser(&Request->Mode)); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    g_Mode = Mode;
    return STATUS_SUCCESS;
}
