// C++: a user-supplied count of samples copied into a fixed array.
#include <ntddk.h>
#include <usermode_accessors.h>

struct SAMPLE_BLOCK {
    ULONG Count;
    LONG Samples[1];
};

extern "C" NTSTATUS QueueSamples(const LONG *Samples, ULONG Count);

extern "C" NTSTATUS AudioHandleQueue(PIO_STACK_LOCATION IrpSp)
{
    SAMPLE_BLOCK *Block = static_cast<SAMPLE_BLOCK *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    LONG Samples[32];
    ULONG Count;
    SIZE_T Bytes;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_BLOCK))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        Count = ReadULongFromUser(&Block->Count);
        Bytes = Count * sizeof(LONG);
        CopyFromUser(Samples, &Block->Samples[0], Bytes); // expect: UM1005
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return QueueSamples(Samples, Count);
}
