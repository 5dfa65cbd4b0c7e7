/* The probed length is compared with the request size first: directly, or
 * through the variable that holds InputBufferLength. */
#include <ntddk.h>

typedef struct _MODE_REQUEST {
    ULONG Mode;
    ULONG Flags;
} MODE_REQUEST, *PMODE_REQUEST;

NTSTATUS ReadMode(PIO_STACK_LOCATION IrpSp, PULONG Mode, PULONG Flags)
{
    PMODE_REQUEST Request = (PMODE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG InputLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;

    if (InputLength < sizeof(MODE_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        ProbeForRead(Request, InputLength, TYPE_ALIGNMENT(MODE_REQUEST));
        *Mode = Request->Mode; // expect: UM2001
        ProbeForRead(Request, IrpSp->Parameters.DeviceIoControl.InputBufferLength, TYPE_ALIGNMENT(MODE_REQUEST));
        *Flags = Request->Flags; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
