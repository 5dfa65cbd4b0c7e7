/* Classic capture code: probe, then RtlCopyMemory (a macro for memcpy) out of
 * the user buffer, once for the header and once for the payload. */
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
        ProbeForRead(Blob, sizeof(KEY_BLOB), TYPE_ALIGNMENT(KEY_BLOB));
        RtlCopyMemory(&Header, &Blob->Header, sizeof(Header)); // expect: UM2001
        RtlCopyMemory(Key, &Blob->Key[0], sizeof(Key));        // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return CryptImportKey(&Header, Key, sizeof(Key));
}
