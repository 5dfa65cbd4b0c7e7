/* METHOD_BUFFERED: the I/O manager copied the input into SystemBuffer, a
 * kernel buffer; reading it directly is correct. */
#include <ntddk.h>

#define IOCTL_FAN_SET_SPEED CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_WRITE_ACCESS)

typedef struct _FAN_SPEED {
    ULONG FanIndex;
    ULONG Rpm;
} FAN_SPEED, *PFAN_SPEED;

NTSTATUS FanProgram(ULONG FanIndex, ULONG Rpm);

NTSTATUS FanDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_INVALID_DEVICE_REQUEST;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.IoControlCode == IOCTL_FAN_SET_SPEED) {
        if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(FAN_SPEED)) {
            Status = STATUS_BUFFER_TOO_SMALL;
        } else {
            PFAN_SPEED Speed = (PFAN_SPEED)Irp->AssociatedIrp.SystemBuffer;
            Status = FanProgram(Speed->FanIndex, Speed->Rpm);
        }
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
