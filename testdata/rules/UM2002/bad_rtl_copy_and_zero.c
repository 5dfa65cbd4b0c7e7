/* A query handler clears the user's output buffer and copies the reply in
 * with the Rtl macros. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _FW_VERSION {
    USHORT Major;
    USHORT Minor;
    ULONG Build;
    CHAR Tag[16];
} FW_VERSION, *PFW_VERSION;

extern FW_VERSION FwCurrentVersion;

NTSTATUS FwHandleGetVersion(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PVOID Output = Irp->UserBuffer;
    ULONG OutputLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    FW_VERSION Version = FwCurrentVersion;

    if (OutputLength < sizeof(FW_VERSION))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForWrite(Output, OutputLength, sizeof(UCHAR));
        RtlZeroMemory(Output, OutputLength);                     // expect: UM2002
        RtlCopyMemory(Output, &Version, sizeof(Version));        // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(FW_VERSION);
    return STATUS_SUCCESS;
}
