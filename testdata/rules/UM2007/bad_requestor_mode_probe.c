/* METHOD_NEITHER IOCTL that also accepts kernel callers: the probe is made
 * by hand for user requestors, then the request is copied with RtlCopyMemory. */
#include <ntddk.h>

typedef struct _TUNE_REQUEST {
    ULONG Knob;
    ULONG Value;
} TUNE_REQUEST, *PTUNE_REQUEST;

DRIVER_DISPATCH TuneDeviceControl;

NTSTATUS TuneDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PVOID Input = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    TUNE_REQUEST Request;
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TUNE_REQUEST)) {
        Status = STATUS_BUFFER_TOO_SMALL;
        goto Complete;
    }
    __try {
        if (Irp->RequestorMode != KernelMode) {
            ProbeForRead(Input, sizeof(TUNE_REQUEST), TYPE_ALIGNMENT(TUNE_REQUEST));
        }
        RtlCopyMemory(&Request, Input, sizeof(Request)); // expect: UM2007, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
Complete:
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
