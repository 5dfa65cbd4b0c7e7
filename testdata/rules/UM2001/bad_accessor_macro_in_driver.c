/* Legacy driver code hides the user reads behind its own macros; the read
 * is still a plain load of probed user memory. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _QUEUE_REQUEST {
    ULONG QueueId;
    ULONG Depth;
} QUEUE_REQUEST, *PQUEUE_REQUEST;

#define REQUEST_QUEUE_ID(r) ((r)->QueueId)

NTSTATUS QueueResize(ULONG QueueId, ULONG Depth);

NTSTATUS QueueHandleResize(PIO_STACK_LOCATION IrpSp)
{
    PQUEUE_REQUEST Request = (PQUEUE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG QueueId;
    ULONG Depth;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(QUEUE_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, sizeof(QUEUE_REQUEST), TYPE_ALIGNMENT(QUEUE_REQUEST));
        QueueId = REQUEST_QUEUE_ID(Request); // expect: UM2001
        Depth = Request->Depth;              // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return QueueResize(QueueId, Depth);
}
