/* The address of the first element or member with the size of the array or
 * structure that contains it: the whole object is copied on purpose. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TABLE_ENTRY {
    ULONG Key;
    ULONG Flags;
    ULONG64 Value;
} TABLE_ENTRY;

typedef struct _SNAPSHOT {
    TABLE_ENTRY Header;
    ULONG64 Checksum;
} SNAPSHOT;

NTSTATUS CaptureTable(PIRP Irp, TABLE_ENTRY Entries[4], SNAPSHOT *Result)
{
    TABLE_ENTRY Local[4];
    SNAPSHOT Snapshot;
    PVOID Input = Irp->UserBuffer;

    __try {
        CopyFromUserAligned(&Local[0], Input, sizeof(Local), TYPE_ALIGNMENT(TABLE_ENTRY));
        CopyFromUserAligned(&Snapshot.Header, Input, sizeof(Snapshot), TYPE_ALIGNMENT(SNAPSHOT));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    RtlCopyMemory(Entries, Local, sizeof(Local));
    *Result = Snapshot;
    return STATUS_SUCCESS;
}
