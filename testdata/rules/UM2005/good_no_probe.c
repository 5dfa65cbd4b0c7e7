/* The modern form: accessors only, no probe at all. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS SessionHandleSetCookie(PIRP Irp, ULONG64 *Cookie)
{
    const ULONG64 *UserCookie = (const ULONG64 *)Irp->UserBuffer;
    __try {
        *Cookie = ReadULong64FromUser(UserCookie);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
