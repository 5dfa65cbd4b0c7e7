/* METHOD_BUFFERED: the copy source is the kernel's SystemBuffer and the
 * length is checked against the destination. */
#include <ntddk.h>

typedef struct _DEVICE_CONTEXT {
    UCHAR Key[64];
    ULONG KeyLength;
} DEVICE_CONTEXT, *PDEVICE_CONTEXT;

NTSTATUS KeyDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDEVICE_CONTEXT Context = (PDEVICE_CONTEXT)DeviceObject->DeviceExtension;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.InputBufferLength;
    NTSTATUS Status = STATUS_SUCCESS;

    if (Length > sizeof(Context->Key)) {
        Status = STATUS_INVALID_PARAMETER;
    } else {
        RtlCopyMemory(Context->Key, Irp->AssociatedIrp.SystemBuffer, Length);
        Context->KeyLength = Length;
    }
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
