/* The buffer is probed through its void pointer with alignment 1 and read
 * through a typed alias of it. */
#include <ntddk.h>

typedef struct _COUNTER_REQUEST {
    ULONG Index;
    ULONG Flags;
    ULONG64 Increment;
} COUNTER_REQUEST, *PCOUNTER_REQUEST;

NTSTATUS HandleIncrement(PIO_STACK_LOCATION IrpSp, PULONG64 Increment)
{
    PVOID Buffer = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    PCOUNTER_REQUEST Request = (PCOUNTER_REQUEST)Buffer;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(COUNTER_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        ProbeForRead(Buffer, sizeof(COUNTER_REQUEST), 1);
        *Increment = Request->Increment; // expect: UM1004, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
