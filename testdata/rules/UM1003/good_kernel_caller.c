// Only kernel-mode callers reach the reads: their buffers do not change
// under the driver's feet from user mode.
#include <ntddk.h>

typedef struct _SAMPLE_BIND {
    ULONG Count;
    PVOID Entries[8];
} SAMPLE_BIND, *PSAMPLE_BIND;

NTSTATUS SampleBind(PIRP Irp, PIO_STACK_LOCATION IrpSp, PVOID *Table)
{
    PSAMPLE_BIND Bind = (PSAMPLE_BIND)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Index;
    if (Irp->RequestorMode != KernelMode)
        return STATUS_ACCESS_DENIED;
    if (Bind->Count > 8)
        return STATUS_INVALID_PARAMETER;
    for (Index = 0; Index < Bind->Count; Index++)
        Table[Index] = Bind->Entries[Index];
    return STATUS_SUCCESS;
}
