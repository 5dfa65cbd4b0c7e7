// The length is validated, the struct captured, and the captured length
// overwritten with the validated one before use.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_PACKET {
    ULONG Length;
    UCHAR Payload[32];
} SAMPLE_PACKET, *PSAMPLE_PACKET;

NTSTATUS SampleQueueValidated(PIO_STACK_LOCATION IrpSp, UCHAR *Ring)
{
    PSAMPLE_PACKET UserPacket = (PSAMPLE_PACKET)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_PACKET Packet;
    ULONG Length;
    __try {
        Length = ReadULongFromUser(&UserPacket->Length);
        if (Length > sizeof(Packet.Payload))
            return STATUS_INVALID_PARAMETER;
        ReadStructFromUserAligned(&Packet, UserPacket, TYPE_ALIGNMENT(SAMPLE_PACKET));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Packet.Length = Length;
    RtlCopyMemory(Ring, Packet.Payload, Packet.Length);
    return STATUS_SUCCESS;
}
