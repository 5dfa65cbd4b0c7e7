/* A system service asks for cache-line alignment (32), which the probe
 * does not accept. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RING_INFO {
    ULONG64 Head;
    ULONG64 Tail;
} RING_INFO, *PRING_INFO;

extern RING_INFO DeviceRing;

__kernel_entry NTSTATUS NtQueryRing(_Out_ PRING_INFO RingInformation)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();
    RING_INFO Snapshot = DeviceRing;

    __try {
        WriteStructToModeAligned(RingInformation, &Snapshot, PreviousMode, 32); // expect: UM1004
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
