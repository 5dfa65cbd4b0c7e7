// The dispatcher checks the length, then hands the user pointer to a
// helper that reads the length again for the copy: the call is the second
// fetch, and a racing thread can grow the length in between.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BLOB_REQUEST {
    ULONG Length;
    UCHAR Data[64];
} BLOB_REQUEST, *PBLOB_REQUEST;

static VOID BlobStore(PBLOB_REQUEST Request, PUCHAR Staging)
{
    CopyFromUser(Staging, Request->Data, ReadULongFromUser(&Request->Length));
}

NTSTATUS BlobDispatch(PIO_STACK_LOCATION IrpSp, PUCHAR Staging)
{
    PBLOB_REQUEST Request = (PBLOB_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        ProbeForRead(Request, sizeof(BLOB_REQUEST), TYPE_ALIGNMENT(BLOB_REQUEST));
        if (ReadULongFromUser(&Request->Length) > sizeof(Request->Data))
            return STATUS_INVALID_PARAMETER;
        BlobStore(Request, Staging); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
