// The handler serves user and kernel callers with the ...Mode accessors;
// the exception filter must then be UmaExceptionFilter(RequestorMode).
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_COUNTER {
    ULONG Index;
    ULONG64 Value;
} SAMPLE_COUNTER, *PSAMPLE_COUNTER;

extern ULONG64 SampleReadCounter(ULONG Index);

NTSTATUS SampleGetCounter(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_COUNTER Counter = (PSAMPLE_COUNTER)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Index = ReadULongFromMode(&Counter->Index, Irp->RequestorMode); // expect: UM1002
    WriteULong64ToMode(&Counter->Value, SampleReadCounter(Index), Irp->RequestorMode); // expect: UM1002
    return STATUS_SUCCESS;
}
