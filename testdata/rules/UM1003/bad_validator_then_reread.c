// A validation helper checks the length, and the dispatcher reads the
// length again after it returned, for the copy: the helper's check says
// nothing about the value the copy uses.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BLOB_REQUEST {
    ULONG Length;
    UCHAR Data[64];
} BLOB_REQUEST, *PBLOB_REQUEST;

static BOOLEAN BlobIsValid(PBLOB_REQUEST Request)
{
    return ReadULongFromUser(&Request->Length) <= sizeof(Request->Data);
}

NTSTATUS BlobDispatch(PIRP Irp, PUCHAR Staging)
{
    PBLOB_REQUEST Request = (PBLOB_REQUEST)Irp->UserBuffer;
    __try {
        if (!BlobIsValid(Request))
            return STATUS_INVALID_PARAMETER;
        CopyFromUser(Staging, Request->Data, ReadULongFromUser(&Request->Length)); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
