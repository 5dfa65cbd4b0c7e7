/* The payload length is compared with the probed length before the copy
 * (the raw copy itself is UM2001's business). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _PACKET_CONTEXT {
    PUCHAR Buffer;
    ULONG BufferLength;
} PACKET_CONTEXT, *PPACKET_CONTEXT;

NTSTATUS PktHandleSend(PIO_STACK_LOCATION IrpSp, PPACKET_CONTEXT Context, ULONG PayloadLength)
{
    PUCHAR Input = (PUCHAR)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG InputLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;

    if (InputLength == 0 || PayloadLength > InputLength || PayloadLength > Context->BufferLength)
        return STATUS_INVALID_PARAMETER;
    __try {
        ProbeForRead(Input, InputLength, sizeof(UCHAR));
        RtlCopyMemory(Context->Buffer, Input, PayloadLength); // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
