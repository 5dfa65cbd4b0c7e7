/* The statistics reply was extended (V2) in the user header but the kernel
 * still fills the V1 layout: the copy reads 16 bytes of stack past Stats
 * and hands them to user mode. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _DEVICE_STATS {
    ULONG64 Reads;
    ULONG64 Writes;
} DEVICE_STATS;

typedef struct _DEVICE_STATS_V2 {
    ULONG64 Reads;
    ULONG64 Writes;
    ULONG64 Errors;
    ULONG64 Resets;
} DEVICE_STATS_V2;

NTSTATUS QueryStats(PIRP Irp, const DEVICE_STATS *Current)
{
    DEVICE_STATS Stats = *Current;
    PVOID OutBuffer = Irp->UserBuffer;

    __try {
        CopyToUserAligned(OutBuffer, &Stats, sizeof(DEVICE_STATS_V2), TYPE_ALIGNMENT(DEVICE_STATS_V2)); // expect: UM2004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(DEVICE_STATS_V2);
    return STATUS_SUCCESS;
}
