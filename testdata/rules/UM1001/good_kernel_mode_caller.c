// This IOCTL serves kernel-mode callers only: user-mode requests are
// rejected first, so Type3InputBuffer is a kernel pointer afterwards.
#include <ntddk.h>

typedef struct _SAMPLE_CALLBACK {
    PVOID Context;
    ULONG Cookie;
} SAMPLE_CALLBACK, *PSAMPLE_CALLBACK;

static PVOID g_Context;
static ULONG g_Cookie;

NTSTATUS SampleRegisterCallback(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_CALLBACK Callback = (PSAMPLE_CALLBACK)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    if (Irp->RequestorMode != KernelMode)
        return STATUS_ACCESS_DENIED;
    g_Context = Callback->Context;
    g_Cookie = Callback->Cookie;
    return STATUS_SUCCESS;
}

NTSTATUS SampleQueryCookie(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PULONG Cookie = (PULONG)Irp->UserBuffer;
    UNREFERENCED_PARAMETER(IrpSp);
    if (ExGetPreviousMode() == KernelMode) {
        *Cookie = g_Cookie;
        return STATUS_SUCCESS;
    }
    return STATUS_NOT_SUPPORTED;
}
