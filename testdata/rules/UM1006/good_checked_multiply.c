/* The product is computed with RtlSIZETMult and the error is honoured. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define ENTRY_TAG 'yrtE'

typedef struct _EVENT_ENTRY {
    ULONG64 Timestamp;
    ULONG Code;
    ULONG Flags;
} EVENT_ENTRY;

__kernel_entry NTSTATUS NtSubmitEvents(_In_reads_(Count) PVOID Entries, _In_ SIZE_T Count)
{
    PVOID Captured;
    SIZE_T Bytes;
    NTSTATUS Status = RtlSIZETMult(Count, sizeof(EVENT_ENTRY), &Bytes);

    if (!NT_SUCCESS(Status) || Bytes > 4096) {
        return STATUS_INVALID_PARAMETER;
    }
    Captured = ExAllocatePool2(POOL_FLAG_PAGED, Bytes, ENTRY_TAG);
    if (Captured == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        CopyFromUser(Captured, Entries, Bytes);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    ExFreePoolWithTag(Captured, ENTRY_TAG);
    return Status;
}
