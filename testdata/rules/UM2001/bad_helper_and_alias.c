/* The dispatch routine probes Type3InputBuffer and hands it to a helper; the
 * helper reads through a cast alias and an element of a user array. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _LED_PATTERN {
    ULONG StepCount;
    USHORT Steps[8];
} LED_PATTERN, *PLED_PATTERN;

VOID LedProgramStep(ULONG Index, USHORT Value);

static NTSTATUS LedLoadPattern(PVOID UserPattern)
{
    PLED_PATTERN Pattern = (PLED_PATTERN)UserPattern;
    NTSTATUS Status = STATUS_SUCCESS;
    __try {
        ULONG Count = Pattern->StepCount; // expect: UM2001
        if (Count > 8)
            Count = 8;
        for (ULONG Index = 0; Index < Count; Index++)
            LedProgramStep(Index, Pattern->Steps[Index]); // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}

NTSTATUS LedDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PVOID Input = IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(LED_PATTERN)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        __try {
            ProbeForRead(Input, sizeof(LED_PATTERN), TYPE_ALIGNMENT(LED_PATTERN));
            Status = STATUS_SUCCESS;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
        if (NT_SUCCESS(Status))
            Status = LedLoadPattern(Input);
    }
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
