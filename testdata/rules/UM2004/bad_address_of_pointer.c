/* The pattern of the accessor documentation's own example: the destination
 * is the address of the pointer variable, so LocalSize bytes land on
 * LocalData and on the stack after it instead of in the allocation. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define BLOB_TAG 'bolB'

NTSTATUS CaptureBlob(_In_reads_bytes_(LocalSize) const VOID *Ptr, SIZE_T LocalSize, PVOID *Captured)
{
    PVOID LocalData;

    *Captured = NULL;
    if (LocalSize == 0 || LocalSize > 0x10000) {
        return STATUS_INVALID_PARAMETER;
    }
    LocalData = ExAllocatePool2(POOL_FLAG_PAGED, LocalSize, BLOB_TAG);
    if (LocalData == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        CopyFromUser(&LocalData, Ptr, LocalSize); // expect: UM2004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ExFreePoolWithTag(LocalData, BLOB_TAG);
        return GetExceptionCode();
    }
    *Captured = LocalData;
    return STATUS_SUCCESS;
}
