/* A syscall-style handler copies a caller-sized string into a fixed stack
 * buffer (`try`/`except` spellings). */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS WidgetRename(HANDLE Widget, const WCHAR *Name, ULONG NameLength);

__kernel_entry NTSTATUS NtSetWidgetName(HANDLE Widget, PCWSTR Name, ULONG NameLength)
{
    WCHAR LocalName[32];

    if (NameLength == 0 || (NameLength % sizeof(WCHAR)) != 0)
        return STATUS_INVALID_PARAMETER;
    try {
        CopyFromUser(LocalName, Name, NameLength); // expect: UM1005
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return WidgetRename(Widget, LocalName, NameLength);
}
