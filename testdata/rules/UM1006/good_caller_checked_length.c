/* The dispatch routine checks InputBufferLength before it calls the helper;
 * the helper only sees its parameter, so it is not judged. */
#include <ntddk.h>

typedef struct _LIMIT_REQUEST {
    ULONG64 Limit;
} LIMIT_REQUEST, *PLIMIT_REQUEST;

static NTSTATUS ReadLimit(PIO_STACK_LOCATION IrpSp, PULONG64 Limit)
{
    PLIMIT_REQUEST Request = (PLIMIT_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        ProbeForRead(Request, IrpSp->Parameters.DeviceIoControl.InputBufferLength, TYPE_ALIGNMENT(LIMIT_REQUEST));
        *Limit = Request->Limit; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

NTSTATUS HandleLimit(PIRP Irp, PULONG64 Limit)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(LIMIT_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    return ReadLimit(IrpSp, Limit);
}
