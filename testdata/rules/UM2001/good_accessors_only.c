/* The modern form of the sensor handler: every user read is an accessor,
 * captured once; no explicit probe is needed. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SENSOR_RATE_REQUEST {
    ULONG Version;
    USHORT Channel;
    USHORT Reserved;
    ULONGLONG IntervalNs;
} SENSOR_RATE_REQUEST, *PSENSOR_RATE_REQUEST;

NTSTATUS SensorApplyRate(ULONG Version, USHORT Channel, ULONGLONG IntervalNs);

NTSTATUS SensorHandleSetRate(PIO_STACK_LOCATION IrpSp)
{
    PSENSOR_RATE_REQUEST Request = (PSENSOR_RATE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Version;
    USHORT Channel;
    ULONGLONG IntervalNs;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SENSOR_RATE_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        Version = ReadULongFromUser(&Request->Version);
        Channel = ReadUShortFromUser(&Request->Channel);
        IntervalNs = ReadULonglongFromUser(&Request->IntervalNs);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SensorApplyRate(Version, Channel, IntervalNs);
}
