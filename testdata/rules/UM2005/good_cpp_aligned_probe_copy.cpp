// C++: the probe checks 4-byte alignment and the copy accessor does not, so
// the probe is kept.
#include <ntddk.h>
#include <usermode_accessors.h>

struct SAMPLE_BLOCK {
    ULONG Count;
    LONG Samples[32];
};

extern "C" NTSTATUS QueueSamples(const LONG *Samples, ULONG Count);

extern "C" NTSTATUS AudioHandleQueue(PIO_STACK_LOCATION IrpSp)
{
    SAMPLE_BLOCK *Block = static_cast<SAMPLE_BLOCK *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    LONG Samples[32];

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_BLOCK))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Block, sizeof(SAMPLE_BLOCK), TYPE_ALIGNMENT(SAMPLE_BLOCK));
        CopyFromUser(Samples, &Block->Samples[0], sizeof(Samples));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return QueueSamples(Samples, 32);
}
