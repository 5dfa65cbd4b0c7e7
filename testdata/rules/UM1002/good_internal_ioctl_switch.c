// One dispatch routine for both IRP_MJ_DEVICE_CONTROL and
// IRP_MJ_INTERNAL_DEVICE_CONTROL: the internal case carries kernel buffers.
#include <ntddk.h>

typedef struct _SAMPLE_LINK {
    PVOID Peer;
    ULONG Channel;
} SAMPLE_LINK, *PSAMPLE_LINK;

extern NTSTATUS SampleConnect(PVOID Peer, ULONG Channel);

NTSTATUS SampleDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status;
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (IrpSp->MajorFunction) {
    case IRP_MJ_INTERNAL_DEVICE_CONTROL: {
        PSAMPLE_LINK Link = (PSAMPLE_LINK)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
        Status = SampleConnect(Link->Peer, Link->Channel);
        break;
    }
    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
