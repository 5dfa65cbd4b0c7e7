// The embedded buffer pointer is probed in one read and copied from in
// another: the caller swaps in a kernel address after the probe.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_IO {
    PVOID Buffer;
    ULONG Length;
} SAMPLE_IO, *PSAMPLE_IO;

NTSTATUS SampleRead(PIO_STACK_LOCATION IrpSp, UCHAR *Local)
{
    PSAMPLE_IO Io = (PSAMPLE_IO)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        PVOID Buffer = ReadPointerFromUser(&Io->Buffer);
        ProbeForRead(Buffer, 64, 1); // expect: UM2005
        CopyFromUser(Local, ReadPointerFromUser(&Io->Buffer), 64); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
