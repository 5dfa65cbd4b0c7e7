/* Kernel-to-kernel copies of structs are not user-memory copies. */
#include <ntddk.h>

typedef struct _DEVICE_STATE { ULONG Power; ULONG Flags; LIST_ENTRY Pending; } DEVICE_STATE;

VOID SnapshotState(const DEVICE_STATE *Live, DEVICE_STATE *Snapshot)
{
    RtlCopyMemory(Snapshot, Live, sizeof(DEVICE_STATE));
}
