/* A diagnostic IOCTL fills the caller's buffer with a test pattern using
 * memset and RtlFillMemory (the two have different argument orders). */
#include <ntddk.h>
#include <usermode_accessors.h>

#define DIAG_PATTERN 0xA5

NTSTATUS DiagHandleFillPattern(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PUCHAR Output = (PUCHAR)Irp->UserBuffer;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG Half;

    if (Length < 2 || Length > PAGE_SIZE)
        return STATUS_INVALID_BUFFER_SIZE;
    Half = Length / 2;
    __try {
        ProbeForWrite(Output, Length, sizeof(UCHAR));
        memset(Output, DIAG_PATTERN, Half);                          // expect: UM2002
        RtlFillMemory(Output + Half, Length - Half, ~DIAG_PATTERN & 0xFF); // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = Length;
    return STATUS_SUCCESS;
}
