// ...Mode accessors inside __try with the mode-aware filter.
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS SampleReadMode(PIRP Irp, PULONG Result)
{
    const ULONG *Input = (const ULONG *)Irp->UserBuffer;
    KPROCESSOR_MODE Mode = Irp->RequestorMode;
    __try {
        *Result = ReadULongFromMode(Input, Mode);
    } __except (UmaExceptionFilter(Mode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
