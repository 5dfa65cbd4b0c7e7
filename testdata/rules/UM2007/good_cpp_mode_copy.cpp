// C++: a helper that serves both kinds of callers with CopyToMode.
#include <ntddk.h>
#include <usermode_accessors.h>

struct CLOCK_INFO {
    ULONG64 Ticks;
    ULONG Resolution;
    ULONG Flags;
};

extern "C" NTSTATUS ReturnClock(CLOCK_INFO *Out, const CLOCK_INFO &Info, KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode && Info.Flags == 0) {
        return STATUS_DEVICE_NOT_READY;
    }
    __try {
        CopyToModeAligned(Out, &Info, sizeof(Info.Ticks), Mode, TYPE_ALIGNMENT(ULONG64));
    } __except (UmaExceptionFilter(Mode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
