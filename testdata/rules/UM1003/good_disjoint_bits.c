// Two tests of different bits: whatever the caller changes in between, no
// check is contradicted by a later use.
#include <ntddk.h>
#include <usermode_accessors.h>

#define SAMPLE_FLAG_FLUSH 0x1
#define SAMPLE_FLAG_RESET 0x2

typedef struct _SAMPLE_CONTROL {
    ULONG Flags;
    ULONG Reserved;
} SAMPLE_CONTROL, *PSAMPLE_CONTROL;

extern VOID SampleFlush(VOID);
extern VOID SampleReset(VOID);

NTSTATUS SampleControl(PIRP Irp)
{
    PSAMPLE_CONTROL Control = (PSAMPLE_CONTROL)Irp->UserBuffer;
    __try {
        if (ReadULongFromUser(&Control->Flags) & SAMPLE_FLAG_FLUSH)
            SampleFlush();
        if (ReadULongFromUser(&Control->Flags) & SAMPLE_FLAG_RESET)
            SampleReset();
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
