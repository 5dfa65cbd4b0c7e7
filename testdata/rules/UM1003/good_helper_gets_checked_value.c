// The checked length is read once and handed to the helper; the helper
// reads only the data through the user pointer. No second fetch.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BLOB_REQUEST {
    ULONG Length;
    UCHAR Data[64];
} BLOB_REQUEST, *PBLOB_REQUEST;

static VOID BlobStore(PBLOB_REQUEST Request, ULONG Length, PUCHAR Staging)
{
    CopyFromUser(Staging, Request->Data, Length);
}

NTSTATUS BlobDispatch(PIO_STACK_LOCATION IrpSp, PUCHAR Staging)
{
    PBLOB_REQUEST Request = (PBLOB_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        ULONG Length = ReadULongFromUser(&Request->Length);
        if (Length > sizeof(Request->Data))
            return STATUS_INVALID_PARAMETER;
        BlobStore(Request, Length, Staging);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
