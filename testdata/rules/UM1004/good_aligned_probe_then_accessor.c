/* The probe checks the request's own alignment before the capture, so the
 * capture needs no Aligned form of its own. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SEEK_REQUEST {
    ULONG Handle;
    ULONG Whence;
    ULONG64 Offset;
} SEEK_REQUEST, *PSEEK_REQUEST;

NTSTATUS CaptureSeek(PIO_STACK_LOCATION IrpSp, PSEEK_REQUEST Result)
{
    PSEEK_REQUEST Request = (PSEEK_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SEEK_REQUEST Local;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SEEK_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    __try {
        ProbeForRead(Request, sizeof(SEEK_REQUEST), TYPE_ALIGNMENT(SEEK_REQUEST));
        ReadStructFromUser(&Local, Request);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Result = Local;
    return STATUS_SUCCESS;
}
