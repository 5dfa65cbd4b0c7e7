/* The handler serves kernel callers too (it records whether the requestor
 * is trusted), yet reads the buffer with a ...FromUser accessor: a kernel
 * caller's buffer makes CopyFromUser raise. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _WINDOW_CONTEXT {
    BOOLEAN Trusted;
    UCHAR Pattern[32];
} WINDOW_CONTEXT, *PWINDOW_CONTEXT;

NTSTATUS LoadPattern(PWINDOW_CONTEXT Context, PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PVOID Input = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    Context->Trusted = (Irp->RequestorMode == KernelMode);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(Context->Pattern)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        CopyFromUser(Context->Pattern, Input, sizeof(Context->Pattern)); // expect: UM2007
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
