/* The probe uses the raw buffer and the caller's length; the request is
 * then read through a typed alias with no length check in between. */
#include <ntddk.h>

typedef struct _COUNTER_REQUEST {
    ULONG Index;
    ULONG Flags;
} COUNTER_REQUEST, *PCOUNTER_REQUEST;

NTSTATUS HandleReset(PIO_STACK_LOCATION IrpSp, PULONG Index)
{
    PVOID Buffer = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.InputBufferLength;
    PCOUNTER_REQUEST Request = (PCOUNTER_REQUEST)Buffer;

    __try {
        ProbeForRead(Buffer, Length, TYPE_ALIGNMENT(COUNTER_REQUEST));
        *Index = Request->Index; // expect: UM1006, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
