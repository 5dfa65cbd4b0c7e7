/* The total of two 32-bit lengths from the captured header wraps in ULONG:
 * NameLength = 0xFFFFFFF0 and DataLength = 0x20 give 0x10. */
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
        Total = Header.NameLength + Header.DataLength;
        if (BufferLength == 0) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        CopyFromUser(Buffer, Input + sizeof(RECORD_HEADER), Total); // expect: UM1006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
