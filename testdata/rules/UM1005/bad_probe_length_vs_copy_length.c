/* The probe validates InputLength bytes, the copy uses the length the
 * caller put in the header: nothing relates the two. */
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

    if (InputLength == 0 || Context->Buffer == NULL)
        return STATUS_INVALID_PARAMETER;
    if (PayloadLength > Context->BufferLength)
        return STATUS_BUFFER_OVERFLOW;
    __try {
        ProbeForRead(Input, InputLength, sizeof(UCHAR));
        RtlCopyMemory(Context->Buffer, Input, PayloadLength); // expect: UM1005, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
