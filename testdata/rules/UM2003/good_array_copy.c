/* Arrays and scalars are not structs: the struct macros do not apply. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS ReadKey(const UCHAR *UserKey, UCHAR Key[16])
{
    UCHAR Local[16];
    __try {
        CopyFromUser(Local, UserKey, sizeof(Local));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    RtlCopyMemory(Key, Local, sizeof(Local));
    return STATUS_SUCCESS;
}
