/* Half-modernised METHOD_NEITHER handler: the reads were converted to
 * accessors but the old byte-aligned probe stayed. */
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
        ProbeForRead(Request, sizeof(SENSOR_RATE_REQUEST), sizeof(UCHAR)); // expect: UM2005
        Version = ReadULongFromUser(&Request->Version);
        Channel = ReadUShortFromUser(&Request->Channel);
        IntervalNs = ReadULonglongFromUser(&Request->IntervalNs);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SensorApplyRate(Version, Channel, IntervalNs);
}
