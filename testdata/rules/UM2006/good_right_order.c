/* Both families with their own argument order. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS ClearBoth(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PVOID Out = Irp->UserBuffer;
    ULONG OutputLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;

    __try {
        FillUserMemory(Out, OutputLength, 0);
        SetUserMemory(Out, 0, OutputLength);
        FillUserMemory(Out, OutputLength, 0xFF);
        SetUserMemory(Out, 'x', OutputLength);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
