/* A system service writes its answer after a hand-written ProbeForWrite for
 * user callers. */
#include <ntddk.h>

typedef struct _CLOCK_INFO {
    ULONG64 Ticks;
    ULONG Resolution;
    ULONG Flags;
} CLOCK_INFO, *PCLOCK_INFO;

extern CLOCK_INFO DeviceClock;

__kernel_entry NTSTATUS NtQueryDeviceClock(_Out_ PCLOCK_INFO ClockInformation)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();
    CLOCK_INFO Info = DeviceClock;

    __try {
        if (PreviousMode != KernelMode) {
            ProbeForWrite(ClockInformation, sizeof(CLOCK_INFO), TYPE_ALIGNMENT(CLOCK_INFO));
        }
        RtlCopyMemory(ClockInformation, &Info, sizeof(Info)); // expect: UM2007, UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
