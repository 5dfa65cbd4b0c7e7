/* The buffer is probed byte-aligned and then read through a cast to the
 * header type: the 64-bit field is read at whatever address the caller chose. */
#include <ntddk.h>

typedef struct _PACKET_HEADER {
    ULONG Type;
    ULONG Length;
    ULONG64 Sequence;
} PACKET_HEADER, *PPACKET_HEADER;

NTSTATUS PeekSequence(PVOID Buffer, ULONG BufferLength, PULONG64 Sequence)
{
    if (BufferLength < sizeof(PACKET_HEADER)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        ProbeForRead(Buffer, BufferLength, sizeof(UCHAR));
        *Sequence = ((PPACKET_HEADER)Buffer)->Sequence; // expect: UM1004, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
