/* METHOD_NEITHER IOCTL: the reply goes straight into Irp->UserBuffer, field
 * by field, after a ProbeForWrite. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define IOCTL_DMA_QUERY_STATS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x820, METHOD_NEITHER, FILE_READ_ACCESS)

typedef struct _DMA_STATS_REPLY {
    NTSTATUS Status;
    ULONG ChannelCount;
    ULONG64 BytesTransferred;
    LARGE_INTEGER LastCompletion;
} DMA_STATS_REPLY, *PDMA_STATS_REPLY;

ULONG DmaChannelCount(VOID);
ULONG64 DmaBytesTransferred(VOID);
LARGE_INTEGER DmaLastCompletion(VOID);

DRIVER_DISPATCH DmaDeviceControl;

NTSTATUS DmaDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDMA_STATS_REPLY Reply = (PDMA_STATS_REPLY)Irp->UserBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG_PTR Information = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.IoControlCode != IOCTL_DMA_QUERY_STATS) {
        Status = STATUS_INVALID_DEVICE_REQUEST;
    } else if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(DMA_STATS_REPLY)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        __try {
            ProbeForWrite(Reply, sizeof(DMA_STATS_REPLY), TYPE_ALIGNMENT(DMA_STATS_REPLY));
            Reply->Status = STATUS_SUCCESS;                       // expect: UM2002
            Reply->ChannelCount = DmaChannelCount();              // expect: UM2002
            Reply->BytesTransferred = DmaBytesTransferred();      // expect: UM2002
            Reply->LastCompletion = DmaLastCompletion();          // expect: UM2002
            Information = sizeof(DMA_STATS_REPLY);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
