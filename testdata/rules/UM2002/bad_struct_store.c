/* The reply is built in a local and stored with a struct assignment. */
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
    __try {
        ProbeForWrite(UserInfo, sizeof(VOLUME_INFO), TYPE_ALIGNMENT(VOLUME_INFO));
        *UserInfo = Info; // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(VOLUME_INFO);
    return STATUS_SUCCESS;
}
