// The request is probed, but the buffer pointer stored inside it is a
// second user pointer that nobody probes before the copy.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_WRITE {
    ULONG Length;
    PUCHAR Data;
} SAMPLE_WRITE, *PSAMPLE_WRITE;

NTSTATUS SampleWrite(PIO_STACK_LOCATION IrpSp, UCHAR *Staging)
{
    PSAMPLE_WRITE Request = (PSAMPLE_WRITE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_WRITE Captured;
    __try {
        ReadStructFromUserAligned(&Captured, Request, TYPE_ALIGNMENT(SAMPLE_WRITE));
        if (Captured.Length > 256)
            return STATUS_INVALID_PARAMETER;
        RtlCopyMemory(Staging, Captured.Data, 256); // expect: UM1001
        Captured.Data[0] = 0;                       // expect: UM1001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
