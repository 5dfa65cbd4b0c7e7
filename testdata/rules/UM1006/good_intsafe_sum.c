/* The two captured 32-bit lengths are added with RtlULongAdd, which fails
 * instead of wrapping. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RECORD_HEADER {
    ULONG NameLength;
    ULONG DataLength;
} RECORD_HEADER;

NTSTATUS CaptureRecord(PIRP Irp, PUCHAR Buffer, ULONG BufferLength)
{
    RECORD_HEADER Header;
    PUCHAR Input = (PUCHAR)Irp->UserBuffer;
    ULONG Total;

    __try {
        ReadStructFromUser(&Header, (RECORD_HEADER *)Input);
        if (!NT_SUCCESS(RtlULongAdd(Header.NameLength, Header.DataLength, &Total)) || Total > BufferLength) {
            return STATUS_INVALID_PARAMETER;
        }
        CopyFromUser(Buffer, Input + sizeof(RECORD_HEADER), Total);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
