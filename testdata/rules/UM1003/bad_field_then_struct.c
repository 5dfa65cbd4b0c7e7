// The length field is checked, then the whole request is captured and the
// captured (re-fetched) length is used for the copy.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_PACKET {
    ULONG Length;
    UCHAR Payload[128];
} SAMPLE_PACKET, *PSAMPLE_PACKET;

NTSTATUS SampleQueuePacket(PIO_STACK_LOCATION IrpSp, UCHAR *Ring)
{
    PSAMPLE_PACKET Packet = (PSAMPLE_PACKET)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_PACKET Local;
    __try {
        if (ReadULongFromUser(&Packet->Length) > 32)
            return STATUS_INVALID_PARAMETER;
        ReadStructFromUserAligned(&Local, Packet, TYPE_ALIGNMENT(SAMPLE_PACKET)); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    RtlCopyMemory(Ring, Local.Payload, Local.Length);
    return STATUS_SUCCESS;
}
