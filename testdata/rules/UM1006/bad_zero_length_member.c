/* The probe length is the IRP field itself, with the `try`/`except`
 * spellings; no comparison precedes the first read. */
#include <ntddk.h>

typedef struct _LIMIT_REQUEST {
    ULONG64 Limit;
} LIMIT_REQUEST, *PLIMIT_REQUEST;

DRIVER_DISPATCH LimitDeviceControl;

NTSTATUS LimitDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PLIMIT_REQUEST Request = (PLIMIT_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG64 Limit = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    try {
        ProbeForRead(Request, IrpSp->Parameters.DeviceIoControl.InputBufferLength, TYPE_ALIGNMENT(LIMIT_REQUEST));
        Limit = Request->Limit; // expect: UM1006, UM2001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = (ULONG_PTR)Limit;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
