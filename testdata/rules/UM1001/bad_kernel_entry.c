// A system-call style entry point: every pointer parameter comes from user
// mode. The name is measured with wcslen and the result stored directly.
#include <ntddk.h>

__kernel_entry NTSTATUS NtSampleQueryName(PCWSTR Name, PULONG ResultLength)
{
    SIZE_T Length;
    __try {
        Length = wcslen(Name);            // expect: UM1001
        *ResultLength = (ULONG)Length;    // expect: UM1001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
