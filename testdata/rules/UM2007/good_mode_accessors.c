/* The same handler written with the Mode accessors. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TUNE_REQUEST {
    ULONG Knob;
    ULONG Value;
} TUNE_REQUEST, *PTUNE_REQUEST;

NTSTATUS HandleTune(PIRP Irp, PIO_STACK_LOCATION IrpSp, PTUNE_REQUEST Result)
{
    PTUNE_REQUEST Input = (PTUNE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    KPROCESSOR_MODE Mode = Irp->RequestorMode;
    TUNE_REQUEST Request;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TUNE_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        ReadStructFromModeAligned(&Request, Input, Mode, TYPE_ALIGNMENT(TUNE_REQUEST));
        WriteULongToMode(&Input->Value, Request.Value + 1, Mode);
    } __except (UmaExceptionFilter(Mode)) {
        return GetExceptionCode();
    }
    *Result = Request;
    return STATUS_SUCCESS;
}
