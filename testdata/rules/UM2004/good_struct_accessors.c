/* The recommended shape: the struct accessors take the size from the type. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SET_LIMITS_REQUEST {
    ULONG Version;
    ULONG Flags;
    ULONG64 MaximumBytes;
} SET_LIMITS_REQUEST, *PSET_LIMITS_REQUEST;

NTSTATUS HandleSetLimits(PIO_STACK_LOCATION IrpSp, PSET_LIMITS_REQUEST Result)
{
    SET_LIMITS_REQUEST Request;
    PSET_LIMITS_REQUEST UserRequest = (PSET_LIMITS_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    __try {
        ReadStructFromUserAligned(&Request, UserRequest, TYPE_ALIGNMENT(SET_LIMITS_REQUEST));
        WriteStructToUserAligned(UserRequest, &Request, TYPE_ALIGNMENT(SET_LIMITS_REQUEST));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Result = Request;
    return STATUS_SUCCESS;
}
