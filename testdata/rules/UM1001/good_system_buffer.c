// METHOD_BUFFERED: the I/O manager copied the input into the system buffer,
// which is kernel memory. Reading it directly is correct.
#include <ntddk.h>

#define IOCTL_SAMPLE_SET_LEVEL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _SAMPLE_LEVEL {
    ULONG Level;
    ULONG Mask;
} SAMPLE_LEVEL, *PSAMPLE_LEVEL;

static ULONG g_Level, g_Mask;

NTSTATUS SampleBufferedControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSAMPLE_LEVEL Level = (PSAMPLE_LEVEL)Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.IoControlCode != IOCTL_SAMPLE_SET_LEVEL ||
        IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_LEVEL)) {
        Status = STATUS_INVALID_PARAMETER;
    } else if (Level->Level > 7) {
        Status = STATUS_INVALID_PARAMETER;
    } else {
        g_Level = Level->Level;
        g_Mask = Level->Mask;
        Level->Mask = 0;
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
