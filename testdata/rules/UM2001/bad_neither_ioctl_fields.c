/* METHOD_NEITHER IOCTL handler of a sensor driver: probes the request, then
 * reads its fields with plain loads. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define IOCTL_SENSOR_SET_RATE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _SENSOR_RATE_REQUEST {
    ULONG Version;
    USHORT Channel;
    USHORT Reserved;
    ULONGLONG IntervalNs;
    SIZE_T Cookie;
} SENSOR_RATE_REQUEST, *PSENSOR_RATE_REQUEST;

NTSTATUS SensorApplyRate(ULONG Version, USHORT Channel, ULONGLONG IntervalNs, SIZE_T Cookie);

DRIVER_DISPATCH SensorDeviceControl;

NTSTATUS SensorDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSENSOR_RATE_REQUEST Request;
    ULONG Version = 0;
    USHORT Channel = 0;
    ULONGLONG IntervalNs = 0;
    SIZE_T Cookie = 0;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.IoControlCode != IOCTL_SENSOR_SET_RATE ||
        IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SENSOR_RATE_REQUEST)) {
        Status = STATUS_INVALID_PARAMETER;
        goto complete;
    }
    Request = (PSENSOR_RATE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        ProbeForRead(Request, sizeof(SENSOR_RATE_REQUEST), TYPE_ALIGNMENT(SENSOR_RATE_REQUEST));
        Version = Request->Version;         // expect: UM2001
        Channel = Request->Channel;         // expect: UM2001
        IntervalNs = Request->IntervalNs;   // expect: UM2001
        Cookie = Request->Cookie;           // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
        goto complete;
    }
    Status = SensorApplyRate(Version, Channel, IntervalNs, Cookie);

complete:
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
