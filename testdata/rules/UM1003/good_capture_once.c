// Capture once, then only the kernel copy is checked and used.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_MESSAGE {
    ULONG Length;
    UCHAR Data[64];
} SAMPLE_MESSAGE, *PSAMPLE_MESSAGE;

extern NTSTATUS SampleDeliver(const UCHAR *Data, ULONG Length);

NTSTATUS SampleSendCaptured(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_MESSAGE UserMessage = (PSAMPLE_MESSAGE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_MESSAGE Message;
    __try {
        ReadStructFromUserAligned(&Message, UserMessage, TYPE_ALIGNMENT(SAMPLE_MESSAGE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Message.Length > sizeof(Message.Data))
        return STATUS_INVALID_PARAMETER;
    return SampleDeliver(Message.Data, Message.Length);
}
