/* The Mode forms in their own order, with a UCHAR fill variable. */
#include <ntddk.h>
#include <usermode_accessors.h>

__kernel_entry NTSTATUS NtFillDeviceBuffer(_Out_writes_bytes_(Length) PVOID Buffer, _In_ SIZE_T Length, _In_ UCHAR Fill)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();

    if (Length > 4096) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        FillModeMemory(Buffer, Length, Fill, PreviousMode);
        SetModeMemory(Buffer, Fill, Length, PreviousMode);
        ZeroModeMemory(Buffer, Length, PreviousMode);
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
