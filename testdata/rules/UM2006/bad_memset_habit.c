/* METHOD_NEITHER output: the author wrote FillUserMemory in memset order,
 * so the call fills zero bytes with the value (UCHAR)OutputLength. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS ClearOutput(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PVOID Out = Irp->UserBuffer;
    ULONG OutputLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;

    __try {
        FillUserMemory(Out, 0, OutputLength); // expect: UM2006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = OutputLength;
    return STATUS_SUCCESS;
}
