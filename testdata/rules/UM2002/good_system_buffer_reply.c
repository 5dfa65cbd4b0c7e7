/* METHOD_BUFFERED: the reply is written into SystemBuffer, a kernel buffer
 * the I/O manager copies back to the caller. */
#include <ntddk.h>

typedef struct _VOLUME_INFO {
    ULONG SectorSize;
    ULONG Flags;
    ULONG64 TotalBytes;
} VOLUME_INFO, *PVOLUME_INFO;

VOID VolFillInfo(PVOLUME_INFO Info);

NTSTATUS VolDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PVOLUME_INFO Info = (PVOLUME_INFO)Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG_PTR Information = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(VOLUME_INFO)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        RtlZeroMemory(Info, sizeof(VOLUME_INFO));
        VolFillInfo(Info);
        Info->Flags |= 0x1;
        Information = sizeof(VOLUME_INFO);
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
