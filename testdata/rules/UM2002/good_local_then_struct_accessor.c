/* The reply is assembled in a zeroed local (no padding leak) and stored with
 * one aligned struct accessor. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _VOLUME_INFO {
    ULONG SectorSize;
    ULONG Flags;
    ULONG64 TotalBytes;
} VOLUME_INFO, *PVOLUME_INFO;

VOID VolFillInfo(PVOLUME_INFO Info);

NTSTATUS VolHandleQueryInfo(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PVOLUME_INFO UserInfo = (PVOLUME_INFO)Irp->UserBuffer;
    VOLUME_INFO Info;

    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(VOLUME_INFO))
        return STATUS_BUFFER_TOO_SMALL;
    RtlZeroMemory(&Info, sizeof(Info));
    VolFillInfo(&Info);
    Info.Flags |= 0x1;
    __try {
        WriteStructToUserAligned(UserInfo, &Info, TYPE_ALIGNMENT(VOLUME_INFO));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(VOLUME_INFO);
    return STATUS_SUCCESS;
}
