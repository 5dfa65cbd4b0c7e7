/* Variable-length copies are what CopyFromUser is for. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS CopyPayload(PVOID User, SIZE_T Length, PUCHAR *Out)
{
    PUCHAR Buffer;
    if (Length == 0 || Length > 4096)
        return STATUS_INVALID_PARAMETER;
    Buffer = (PUCHAR)ExAllocatePool2(POOL_FLAG_PAGED, Length, 'ldyP');
    if (Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    __try {
        CopyFromUser(Buffer, User, Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ExFreePoolWithTag(Buffer, 'ldyP');
        return GetExceptionCode();
    }
    *Out = Buffer;
    return STATUS_SUCCESS;
}
