/* The Aligned accessors with TYPE_ALIGNMENT and PROBE_ALIGNMENT. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SET_RATE_REQUEST {
    ULONG Channel;
    ULONG Flags;
    ULONG64 IntervalNs;
} SET_RATE_REQUEST, *PSET_RATE_REQUEST;

NTSTATUS HandleSetRate(PIO_STACK_LOCATION IrpSp, PSET_RATE_REQUEST Result, PULONG Table, ULONG Count)
{
    SET_RATE_REQUEST Request;
    PSET_RATE_REQUEST UserRequest = (PSET_RATE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    if (Count > 16) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        ReadStructFromUserAligned(&Request, UserRequest, TYPE_ALIGNMENT(SET_RATE_REQUEST));
        CopyFromUserAligned(Table, UserRequest + 1, Count * sizeof(ULONG), PROBE_ALIGNMENT(ULONG));
        WriteStructToUserAligned(UserRequest, &Request, TYPE_ALIGNMENT(SET_RATE_REQUEST));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Result = Request;
    return STATUS_SUCCESS;
}
