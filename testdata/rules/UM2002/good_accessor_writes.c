/* The DMA statistics reply written with the accessors: no probe needed. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _DMA_STATS_REPLY {
    NTSTATUS Status;
    ULONG ChannelCount;
    ULONG64 BytesTransferred;
    LARGE_INTEGER LastCompletion;
} DMA_STATS_REPLY, *PDMA_STATS_REPLY;

ULONG DmaChannelCount(VOID);
ULONG64 DmaBytesTransferred(VOID);
LARGE_INTEGER DmaLastCompletion(VOID);

NTSTATUS DmaHandleQueryStats(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PDMA_STATS_REPLY Reply = (PDMA_STATS_REPLY)Irp->UserBuffer;

    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(DMA_STATS_REPLY))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        WriteNtStatusToUser(&Reply->Status, STATUS_SUCCESS);
        WriteULongToUser(&Reply->ChannelCount, DmaChannelCount());
        WriteULong64ToUser(&Reply->BytesTransferred, DmaBytesTransferred());
        WriteLargeIntegerToUser(&Reply->LastCompletion, DmaLastCompletion());
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(DMA_STATS_REPLY);
    return STATUS_SUCCESS;
}
