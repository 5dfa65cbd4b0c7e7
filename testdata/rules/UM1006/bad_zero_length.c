/* METHOD_NEITHER: the request is probed with the caller's InputBufferLength,
 * which nobody compares with the request size. A length of 0 probes nothing
 * and Request->Mode is read from wherever Type3InputBuffer points. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _MODE_REQUEST {
    ULONG Mode;
    ULONG Flags;
} MODE_REQUEST, *PMODE_REQUEST;

DRIVER_DISPATCH ModeDeviceControl;

NTSTATUS ModeDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PMODE_REQUEST Request = (PMODE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG InputLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG Mode = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    __try {
        ProbeForRead(Request, InputLength, TYPE_ALIGNMENT(MODE_REQUEST));
        Mode = Request->Mode; // expect: UM1006, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Mode;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
