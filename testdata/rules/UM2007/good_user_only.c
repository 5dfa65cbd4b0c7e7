/* No requestor-mode test anywhere: a user-only path, the ...User accessors
 * are the right ones. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS ReadCookie(PIO_STACK_LOCATION IrpSp, PULONG64 Cookie)
{
    PULONG64 Input = (PULONG64)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        *Cookie = ReadULong64FromUser(Input);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
