/* The probe validates a range that is then handed to another function (here
 * an MDL helper outside this file): that callee may rely on it. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS DmaLockUserRange(PVOID Buffer, ULONG Length, PMDL *Mdl);

NTSTATUS DmaHandleMap(PIRP Irp, PIO_STACK_LOCATION IrpSp, PMDL *Mdl)
{
    PVOID Buffer = Irp->UserBuffer;
    ULONG Length = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG Header;

    if (Length < sizeof(ULONG) || Length > 16 * PAGE_SIZE)
        return STATUS_INVALID_BUFFER_SIZE;
    __try {
        ProbeForWrite(Buffer, Length, 1);
        Header = ReadULongFromUser((const ULONG *)Buffer);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Header != 0x44414D31)
        return STATUS_INVALID_PARAMETER;
    return DmaLockUserRange(Buffer, Length, Mdl);
}
