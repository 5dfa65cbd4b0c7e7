/* METHOD_OUT_DIRECT: the output buffer is locked by the I/O manager and
 * mapped into system space through the MDL; the mapping is kernel memory. */
#include <ntddk.h>

NTSTATUS CapHandleReadFrame(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    ULONG Length = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    PUCHAR Frame;

    if (Irp->MdlAddress == NULL || Length == 0)
        return STATUS_INVALID_PARAMETER;
    Frame = (PUCHAR)MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority | MdlMappingNoExecute);
    if (Frame == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlFillMemory(Frame, Length, 0x10);
    Frame[0] = 0xFF;
    Irp->IoStatus.Information = Length;
    return STATUS_SUCCESS;
}
