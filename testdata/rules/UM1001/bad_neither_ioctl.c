// METHOD_NEITHER IOCTL: the request is read straight from Type3InputBuffer
// inside __try, but nothing checks that it lies in user space.
#include <ntddk.h>

#define IOCTL_SAMPLE_SET_CONFIG CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _SAMPLE_CONFIG {
    ULONG Version;
    ULONG Flags;
    ULONG64 Timeout;
} SAMPLE_CONFIG, *PSAMPLE_CONFIG;

static ULONG g_Flags;
static ULONG64 g_Timeout;

NTSTATUS SampleDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.IoControlCode == IOCTL_SAMPLE_SET_CONFIG) {
        PSAMPLE_CONFIG Config = (PSAMPLE_CONFIG)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
        __try {
            if (Config->Version != 1) { // expect: UM1001
                Status = STATUS_NOT_SUPPORTED;
            } else {
                g_Flags = Config->Flags;     // expect: UM1001
                g_Timeout = Config->Timeout; // expect: UM1001
            }
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    } else {
        Status = STATUS_INVALID_DEVICE_REQUEST;
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
