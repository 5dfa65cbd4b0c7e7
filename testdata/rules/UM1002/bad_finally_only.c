// __try/__finally runs cleanup but handles nothing: the copy is still
// unguarded.
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS SampleFetchBlob(PIRP Irp, PUCHAR Blob, SIZE_T BlobSize, PKSPIN_LOCK Lock)
{
    KIRQL OldIrql;
    NTSTATUS Status = STATUS_SUCCESS;
    UNREFERENCED_PARAMETER(OldIrql);
    __try {
        CopyFromUser(Blob, Irp->UserBuffer, BlobSize); // expect: UM1002
    } __finally {
        UNREFERENCED_PARAMETER(Lock);
    }
    return Status;
}
