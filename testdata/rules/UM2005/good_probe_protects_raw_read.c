/* The probe still protects a raw read, so it is not redundant (the raw read
 * itself is UM2001's business). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TIMEOUT_REQUEST {
    ULONG Milliseconds;
    ULONG Flags;
} TIMEOUT_REQUEST, *PTIMEOUT_REQUEST;

NTSTATUS SetTimeoutValue(ULONG Milliseconds, ULONG Flags);

NTSTATUS TmoHandleSet(PIO_STACK_LOCATION IrpSp)
{
    PTIMEOUT_REQUEST Request = (PTIMEOUT_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Milliseconds;
    ULONG Flags;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TIMEOUT_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, sizeof(TIMEOUT_REQUEST), 1);
        Milliseconds = ReadULongFromUser(&Request->Milliseconds);
        Flags = Request->Flags; // expect: UM2001, UM1004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SetTimeoutValue(Milliseconds, Flags);
}
