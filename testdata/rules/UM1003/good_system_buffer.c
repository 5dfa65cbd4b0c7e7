// METHOD_BUFFERED: the system buffer is the I/O manager's kernel copy;
// reading a field twice cannot race with the caller.
#include <ntddk.h>

typedef struct _SAMPLE_COPY {
    ULONG Length;
    UCHAR Data[64];
} SAMPLE_COPY, *PSAMPLE_COPY;

NTSTATUS SampleBufferedCopy(PIRP Irp, PIO_STACK_LOCATION IrpSp, UCHAR *Local)
{
    PSAMPLE_COPY Copy = (PSAMPLE_COPY)Irp->AssociatedIrp.SystemBuffer;
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_COPY) ||
        Copy->Length > sizeof(Copy->Data))
        return STATUS_INVALID_PARAMETER;
    RtlCopyMemory(Local, Copy->Data, Copy->Length);
    return STATUS_SUCCESS;
}
