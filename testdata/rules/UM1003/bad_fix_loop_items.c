// The count is checked against the array, then re-read as the loop bound
// while the items are summed.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_WEIGHTS {
    ULONG Count;
    ULONG Weights[16];
} SAMPLE_WEIGHTS, *PSAMPLE_WEIGHTS;

NTSTATUS SampleSumWeights(PIO_STACK_LOCATION IrpSp, PULONG Total)
{
    PSAMPLE_WEIGHTS Weights = (PSAMPLE_WEIGHTS)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Index, Sum = 0;
    __try {
        if (ReadULongFromUser(&Weights->Count) > 16)
            return STATUS_INVALID_PARAMETER;
        for (Index = 0; Index < ReadULongFromUser(&Weights->Count); Index++) // expect: UM1003
            Sum += ReadULongFromUser(&Weights->Weights[Index]);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Total = Sum;
    return STATUS_SUCCESS;
}
