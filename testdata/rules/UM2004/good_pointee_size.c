/* A size that belongs to the kernel object: sizeof(Entries[0]) times a count. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define ENTRY_TAG 'rtnE'

typedef struct _TABLE_ENTRY {
    ULONG Key;
    ULONG Flags;
    ULONG64 Value;
} TABLE_ENTRY, *PTABLE_ENTRY;

NTSTATUS CaptureEntries(const VOID *UserEntries, ULONG Count, PTABLE_ENTRY *Result)
{
    PTABLE_ENTRY Entries;

    if (Count == 0 || Count > 64) {
        return STATUS_INVALID_PARAMETER;
    }
    Entries = ExAllocatePool2(POOL_FLAG_PAGED, Count * sizeof(TABLE_ENTRY), ENTRY_TAG);
    if (Entries == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        CopyFromUserAligned(Entries, UserEntries, Count * sizeof(Entries[0]), TYPE_ALIGNMENT(TABLE_ENTRY));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ExFreePoolWithTag(Entries, ENTRY_TAG);
        return GetExceptionCode();
    }
    *Result = Entries;
    return STATUS_SUCCESS;
}
