// Kernel-mode callers pass kernel pointers: the direct access in the
// KernelMode branch needs neither a probe nor __try.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_ATTACH {
    PVOID Context;
    ULONG Flags;
} SAMPLE_ATTACH, *PSAMPLE_ATTACH;

extern NTSTATUS SampleAttach(PVOID Context, ULONG Flags);

NTSTATUS SampleHandleAttach(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_ATTACH Attach = (PSAMPLE_ATTACH)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Flags;
    if (Irp->RequestorMode == KernelMode)
        return SampleAttach(Attach->Context, Attach->Flags);
    __try {
        Flags = ReadULongFromUser(&Attach->Flags);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SampleAttach(NULL, Flags);
}
