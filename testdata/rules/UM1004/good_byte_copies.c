/* Byte buffers and scalars need no alignment: copies into UCHAR arrays, a
 * run-time length out of an untyped buffer, and a scalar. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BLOB_HEADER {
    ULONG Size;
    ULONG Type;
} BLOB_HEADER;

NTSTATUS CaptureBlob(PIRP Irp, ULONG Length, PUCHAR Data, ULONG64 *Cookie, BLOB_HEADER *Header)
{
    UCHAR Prefix[16];
    PVOID Input = Irp->UserBuffer;

    if (Length > 4096) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        CopyFromUser(Prefix, Input, sizeof(Prefix));
        CopyFromUser(Data, Input, Length);
        CopyFromUser(Cookie, Input, sizeof(*Cookie));
        CopyFromUser(Header, Input, FIELD_OFFSET(BLOB_HEADER, Type));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Prefix[0] != 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
