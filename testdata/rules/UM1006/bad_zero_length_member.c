/* The probe length is the IRP field itself, with the `try`/`except`
 * spellings; no comparison precedes the first read. */
#include <ntddk.h>

typedef struct _LIMIT_REQUEST {
    ULONG64 Limit;
} LIMIT_REQUEST, *PLIMIT_REQUEST;

NTSTATUS HandleSetLimit(PIO_STACK_LOCATION IrpSp, PULONG64 Limit)
{
    PLIMIT_REQUEST Request = (PLIMIT_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status = STATUS_SUCCESS;

    try {
        ProbeForRead(Request, IrpSp->Parameters.DeviceIoControl.InputBufferLength, TYPE_ALIGNMENT(LIMIT_REQUEST));
        *Limit = Request->Limit; // expect: UM1006, UM2001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}
