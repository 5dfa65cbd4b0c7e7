/* The request is captured with a plain CopyFromUser: the size is written by
 * hand (UM2003) and the alignment is never checked (this rule); both point
 * to ReadStructFromUserAligned. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SET_RATE_REQUEST {
    ULONG Channel;
    ULONG Flags;
    ULONG64 IntervalNs;
} SET_RATE_REQUEST, *PSET_RATE_REQUEST;

NTSTATUS HandleSetRate(PIO_STACK_LOCATION IrpSp, PULONG64 Interval)
{
    SET_RATE_REQUEST Request;
    PSET_RATE_REQUEST UserRequest = (PSET_RATE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SET_RATE_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        CopyFromUser(&Request, UserRequest, sizeof(Request)); // expect: UM1004, UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Interval = Request.IntervalNs;
    return STATUS_SUCCESS;
}
