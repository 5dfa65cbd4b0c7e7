/* ProbeForWrite touches every page of the output buffer; CopyToUser and
 * ZeroUserMemory check the range themselves. */
#include <ntddk.h>
#include <usermode_accessors.h>

extern UCHAR LogRing[4096];

NTSTATUS LogHandleRead(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PUCHAR Output = (PUCHAR)Irp->UserBuffer;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG Copy = Length < sizeof(LogRing) ? Length : sizeof(LogRing);

    __try {
        ProbeForWrite(Output, Length, 1); // expect: UM2005
        CopyToUser(Output, LogRing, Copy);
        ZeroUserMemory(Output + Copy, Length - Copy);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = Length;
    return STATUS_SUCCESS;
}
