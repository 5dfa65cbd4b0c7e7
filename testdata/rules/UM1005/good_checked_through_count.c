/* The byte count is computed from an element count that was checked. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_BLOCK {
    ULONG Count;
    LONG Samples[1];
} SAMPLE_BLOCK, *PSAMPLE_BLOCK;

NTSTATUS QueueSamples(const LONG *Samples, ULONG Count);

NTSTATUS AudioHandleQueue(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_BLOCK Block = (PSAMPLE_BLOCK)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    LONG Samples[32];
    ULONG Count;
    SIZE_T Bytes;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_BLOCK))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        Count = ReadULongFromUser(&Block->Count);
        if (Count > RTL_NUMBER_OF(Samples))
            return STATUS_INVALID_PARAMETER;
        Bytes = Count * sizeof(LONG);
        CopyFromUser(Samples, &Block->Samples[0], Bytes);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return QueueSamples(Samples, Count);
}
