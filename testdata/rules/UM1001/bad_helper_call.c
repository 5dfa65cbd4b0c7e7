// A dispatch routine hands the METHOD_NEITHER buffer to a helper; the
// helper reads it without any probe on the way.
#include <ntddk.h>

typedef struct _SAMPLE_RANGE {
    ULONG Start;
    ULONG Count;
} SAMPLE_RANGE, *PSAMPLE_RANGE;

static NTSTATUS ValidateRange(PSAMPLE_RANGE Range)
{
    NTSTATUS Status = STATUS_SUCCESS;
    __try {
        if (Range->Count > MAXULONG - Range->Start) // expect: UM1001, UM1001
            Status = STATUS_INTEGER_OVERFLOW;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}

NTSTATUS SampleDispatchRange(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status;
    UNREFERENCED_PARAMETER(DeviceObject);
    Status = ValidateRange((PSAMPLE_RANGE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
