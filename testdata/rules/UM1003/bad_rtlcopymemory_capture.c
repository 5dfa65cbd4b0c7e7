// The header is checked with a plain read, then the whole request is
// captured with RtlCopyMemory: the captured count was fetched again.
#include <ntddk.h>

typedef struct _SAMPLE_BATCH {
    ULONG Count;
    ULONG Ids[8];
} SAMPLE_BATCH, *PSAMPLE_BATCH;

extern VOID SampleRetire(ULONG Id);

NTSTATUS SampleRetireBatch(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_BATCH UserBatch = (PSAMPLE_BATCH)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_BATCH Batch;
    ULONG Index;
    __try {
        ProbeForRead(UserBatch, sizeof(SAMPLE_BATCH), TYPE_ALIGNMENT(SAMPLE_BATCH));
        if (UserBatch->Count > 8) // expect: UM2001
            return STATUS_INVALID_PARAMETER;
        RtlCopyMemory(&Batch, UserBatch, sizeof(Batch)); // expect: UM1003, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    for (Index = 0; Index < Batch.Count; Index++)
        SampleRetire(Batch.Ids[Index]);
    return STATUS_SUCCESS;
}
