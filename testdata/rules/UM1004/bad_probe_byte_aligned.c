/* METHOD_NEITHER: the request is probed with alignment 1, then a 64-bit
 * field is read in place. A misaligned caller buffer is never rejected. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SEEK_REQUEST {
    ULONG Handle;
    ULONG Whence;
    ULONG64 Offset;
} SEEK_REQUEST, *PSEEK_REQUEST;

DRIVER_DISPATCH SeekDeviceControl;

NTSTATUS SeekDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSEEK_REQUEST Request = (PSEEK_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG64 Offset = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SEEK_REQUEST)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        __try {
            ProbeForRead(Request, sizeof(SEEK_REQUEST), 1);
            Offset = Request->Offset; // expect: UM1004, UM2001
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = (ULONG_PTR)Offset;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
