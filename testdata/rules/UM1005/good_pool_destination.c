/* The destination is allocated with the copy length, so the length cannot
 * overflow it. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define BLOB_TAG 'bolB'

NTSTATUS BlobStore(PVOID Blob, SIZE_T Length);

NTSTATUS BlobHandleStore(PIO_STACK_LOCATION IrpSp)
{
    PVOID Input = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.InputBufferLength;
    PVOID Blob;
    NTSTATUS Status;

    if (Length == 0 || Length > 64 * 1024)
        return STATUS_INVALID_BUFFER_SIZE;
    Blob = ExAllocatePool2(POOL_FLAG_PAGED, Length, BLOB_TAG);
    if (Blob == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    __try {
        CopyFromUser(Blob, Input, Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ExFreePoolWithTag(Blob, BLOB_TAG);
        return GetExceptionCode();
    }
    Status = BlobStore(Blob, Length);
    ExFreePoolWithTag(Blob, BLOB_TAG);
    return Status;
}
