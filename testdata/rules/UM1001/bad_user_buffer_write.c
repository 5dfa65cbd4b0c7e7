// The output of a METHOD_NEITHER request is written to Irp->UserBuffer
// through an alias and a cast, without ProbeForWrite.
#include <ntddk.h>

typedef struct _SAMPLE_STATS {
    ULONG Reads;
    ULONG Writes;
    NTSTATUS LastStatus;
} SAMPLE_STATS, *PSAMPLE_STATS;

extern SAMPLE_STATS g_Stats;

NTSTATUS SampleQueryStats(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PVOID Output = Irp->UserBuffer;
    PSAMPLE_STATS Stats = (PSAMPLE_STATS)Output;

    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(SAMPLE_STATS))
        return STATUS_BUFFER_TOO_SMALL;
    try {
        Stats->Reads = g_Stats.Reads;           // expect: UM1001
        Stats->Writes = g_Stats.Writes;         // expect: UM1001
        Stats->LastStatus = g_Stats.LastStatus; // expect: UM1001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(SAMPLE_STATS);
    return STATUS_SUCCESS;
}
