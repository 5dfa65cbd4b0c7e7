/* A system-call style entry whose user argument is a void pointer: the struct
 * macros check types, so the suggestion casts it. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TIMER_SETTINGS {
    LARGE_INTEGER DueTime;
    ULONG Period;
    BOOLEAN Resume;
} TIMER_SETTINGS;

__kernel_entry NTSTATUS NtSetDemoTimer(HANDLE TimerHandle, PVOID Settings)
{
    TIMER_SETTINGS Local;
    UNREFERENCED_PARAMETER(TimerHandle);
    __try {
        CopyFromUserAligned(&Local, Settings, sizeof(TIMER_SETTINGS), TYPE_ALIGNMENT(TIMER_SETTINGS)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Period ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
