/* Clear and fill the caller's buffer with the accessors: ZeroUserMemory,
 * CopyToUser and FillUserMemory (Destination, Length, Fill). */
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
    PUCHAR Output = (PUCHAR)Irp->UserBuffer;
    ULONG OutputLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    FW_VERSION Version = FwCurrentVersion;

    if (OutputLength < sizeof(FW_VERSION) || OutputLength > PAGE_SIZE)
        return STATUS_INVALID_BUFFER_SIZE;
    __try {
        ZeroUserMemory(Output, OutputLength);
        CopyToUser(Output, &Version, sizeof(FW_VERSION) - sizeof(Version.Tag));
        FillUserMemory(Output + sizeof(FW_VERSION), OutputLength - sizeof(FW_VERSION), 0xCC);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = OutputLength;
    return STATUS_SUCCESS;
}
