/* METHOD_NEITHER IOCTL: the capture measures the pointer typedef, so only 8
 * of the request's 24 bytes are copied and the rest of Request is garbage. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define IOCTL_SET_LIMITS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _SET_LIMITS_REQUEST {
    ULONG Version;
    ULONG Flags;
    ULONG64 MaximumBytes;
    ULONG64 MaximumEntries;
} SET_LIMITS_REQUEST, *PSET_LIMITS_REQUEST;

static NTSTATUS ApplyLimits(const SET_LIMITS_REQUEST *Request)
{
    return Request->Version == 1 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

DRIVER_DISPATCH LimitsDeviceControl;

NTSTATUS LimitsDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_INVALID_DEVICE_REQUEST;
    SET_LIMITS_REQUEST Request;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.IoControlCode == IOCTL_SET_LIMITS) {
        PVOID InputBuffer = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
        __try {
            CopyFromUserAligned(&Request, InputBuffer, sizeof(PSET_LIMITS_REQUEST), // expect: UM2004
                                TYPE_ALIGNMENT(SET_LIMITS_REQUEST));
            Status = ApplyLimits(&Request);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
