/* Two small constants: a 16-byte fill of zero and an 8-byte fill of 4 are
 * plausible either way, so nothing is reported. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS ClearHeader(PVOID UserHeader)
{
    __try {
        FillUserMemory(UserHeader, 16, 0);
        SetUserMemory(UserHeader, 4, 8);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
