// The validating call and the read that feeds the copy are in different
// arms of one if: no execution does both.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BLOB_REQUEST {
    ULONG Length;
    UCHAR Data[64];
} BLOB_REQUEST, *PBLOB_REQUEST;

static BOOLEAN BlobIsSmall(PBLOB_REQUEST Request)
{
    return ReadULongFromUser(&Request->Length) <= 8;
}

NTSTATUS BlobDispatch(PIRP Irp, PUCHAR Staging, BOOLEAN Quick)
{
    PBLOB_REQUEST Request = (PBLOB_REQUEST)Irp->UserBuffer;
    __try {
        if (Quick) {
            if (!BlobIsSmall(Request))
                return STATUS_INVALID_PARAMETER;
        } else {
            ULONG Length = ReadULongFromUser(&Request->Length);
            if (Length <= sizeof(Request->Data))
                CopyFromUser(Staging, Request->Data, Length);
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
