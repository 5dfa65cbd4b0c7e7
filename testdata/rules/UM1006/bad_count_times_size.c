/* A system service copies Count entries; Count is a SIZE_T from the caller,
 * so Count * sizeof(ENTRY) can wrap to a small length. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define ENTRY_TAG 'yrtE'

typedef struct _EVENT_ENTRY {
    ULONG64 Timestamp;
    ULONG Code;
    ULONG Flags;
} EVENT_ENTRY, *PEVENT_ENTRY;

__kernel_entry NTSTATUS NtSubmitEvents(_In_reads_(Count) PVOID Entries, _In_ SIZE_T Count)
{
    PEVENT_ENTRY Captured;
    NTSTATUS Status = STATUS_SUCCESS;

    Captured = ExAllocatePool2(POOL_FLAG_PAGED, 4096, ENTRY_TAG);
    if (Captured == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        CopyFromUser(Captured, Entries, Count * sizeof(EVENT_ENTRY)); // expect: UM1006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    ExFreePoolWithTag(Captured, ENTRY_TAG);
    return Status;
}
