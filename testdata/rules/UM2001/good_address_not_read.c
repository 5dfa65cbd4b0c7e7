/* Only addresses inside the user buffer are computed (&p->Field, an array
 * member decaying to a pointer) and handed to accessors: nothing is read
 * directly. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _KEY_BLOB_HEADER {
    ULONG Magic;
    ULONG Algorithm;
} KEY_BLOB_HEADER, *PKEY_BLOB_HEADER;

typedef struct _KEY_BLOB {
    KEY_BLOB_HEADER Header;
    UCHAR Key[32];
} KEY_BLOB, *PKEY_BLOB;

NTSTATUS CryptImportKey(const KEY_BLOB_HEADER *Header, const UCHAR *Key, SIZE_T KeyLength);

NTSTATUS CryptHandleImport(PIO_STACK_LOCATION IrpSp)
{
    PKEY_BLOB Blob = (PKEY_BLOB)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    KEY_BLOB_HEADER Header;
    UCHAR Key[32];

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(KEY_BLOB))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ReadStructFromUserAligned(&Header, &Blob->Header, TYPE_ALIGNMENT(KEY_BLOB_HEADER));
        CopyFromUser(Key, Blob->Key, sizeof(Key));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return CryptImportKey(&Header, Key, sizeof(Key));
}
