/* A system service that serves kernel and user callers clears the caller's
 * buffer with FillModeMemory in memset order. */
#include <ntddk.h>
#include <usermode_accessors.h>

__kernel_entry NTSTATUS NtResetCounters(_Out_writes_bytes_(BufferLength) PVOID Buffer, _In_ SIZE_T BufferLength)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();

    if (BufferLength > 4096) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        FillModeMemory(Buffer, 0, BufferLength, PreviousMode); // expect: UM2006
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
