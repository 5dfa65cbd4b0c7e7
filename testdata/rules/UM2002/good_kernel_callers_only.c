/* A completion-port style interface for other drivers: the requestor is
 * kernel mode, so the output buffer is kernel memory. */
#include <ntddk.h>

typedef struct _PORT_EVENT {
    ULONG Code;
    ULONG_PTR Context;
} PORT_EVENT, *PPORT_EVENT;

NTSTATUS PortHandleGetEvent(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PPORT_EVENT Event = (PPORT_EVENT)Irp->UserBuffer;

    if (Irp->RequestorMode != KernelMode)
        return STATUS_ACCESS_DENIED;
    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(PORT_EVENT))
        return STATUS_BUFFER_TOO_SMALL;
    Event->Code = 7;
    Event->Context = 0;
    Irp->IoStatus.Information = sizeof(PORT_EVENT);
    return STATUS_SUCCESS;
}
