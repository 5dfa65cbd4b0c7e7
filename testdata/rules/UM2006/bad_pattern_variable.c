/* The pattern byte is a UCHAR variable and the size a product with sizeof:
 * FillUserMemory wants the length first. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RING_ENTRY {
    ULONG Sequence;
    ULONG Flags;
    ULONG64 Payload;
} RING_ENTRY, *PRING_ENTRY;

NTSTATUS ScrubRing(PRING_ENTRY UserRing, ULONG EntryCount, UCHAR Pattern)
{
    if (EntryCount > 256) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        FillUserMemory(UserRing, Pattern, EntryCount * sizeof(RING_ENTRY)); // expect: UM2006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
