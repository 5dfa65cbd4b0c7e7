// The classic: the length is checked in one read and used as the copy
// length in another. A racing thread makes the copy overflow Local.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_MESSAGE {
    ULONG Length;
    UCHAR Data[256];
} SAMPLE_MESSAGE, *PSAMPLE_MESSAGE;

extern NTSTATUS SampleDeliver(const UCHAR *Data, ULONG Length);

NTSTATUS SampleSend(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_MESSAGE Message = (PSAMPLE_MESSAGE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    UCHAR Local[64];
    ULONG Length;
    __try {
        if (ReadULongFromUser(&Message->Length) > sizeof(Local))
            return STATUS_INVALID_PARAMETER;
        Length = ReadULongFromUser(&Message->Length); // expect: UM1003
        CopyFromUser(Local, Message->Data, Length); // expect: UM1005
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SampleDeliver(Local, Length);
}
