/* A system service that serves both kernel and user callers; the capture
 * uses the pointer type's size. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TIMER_INFO {
    LARGE_INTEGER DueTime;
    ULONG Period;
    ULONG Flags;
} TIMER_INFO, *PTIMER_INFO;

__kernel_entry NTSTATUS NtSetDeviceTimer(_In_ HANDLE DeviceHandle, _In_ PTIMER_INFO TimerInformation)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();
    TIMER_INFO Local;

    UNREFERENCED_PARAMETER(DeviceHandle);
    __try {
        CopyFromModeAligned(&Local, TimerInformation, sizeof(PTIMER_INFO), PreviousMode, // expect: UM2004
                            TYPE_ALIGNMENT(TIMER_INFO));
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return Local.Period != 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
