/* The size comes from the caller and was validated: not a fixed-size copy. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BLOB { ULONG Length; UCHAR Data[64]; } BLOB;

NTSTATUS ReadBlob(const VOID *User, ULONG UserLength, BLOB *Blob)
{
    if (UserLength > sizeof(Blob->Data))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        CopyFromUser(Blob->Data, User, UserLength);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Blob->Length = UserLength;
    return STATUS_SUCCESS;
}
