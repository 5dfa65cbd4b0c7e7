/* A system service serving both kinds of callers with the Mode Aligned forms. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RING_INFO {
    ULONG64 Head;
    ULONG64 Tail;
} RING_INFO, *PRING_INFO;

__kernel_entry NTSTATUS NtExchangeRing(_Inout_ PRING_INFO RingInformation)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();
    RING_INFO Local;

    __try {
        ReadStructFromModeAligned(&Local, RingInformation, PreviousMode, TYPE_ALIGNMENT(RING_INFO));
        Local.Tail = Local.Head;
        CopyToModeAligned(RingInformation, &Local.Tail, sizeof(Local.Tail), PreviousMode, TYPE_ALIGNMENT(ULONG64));
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
