/* Classic probe-then-copy code with the `try`/`except` spellings: the copy
 * measures the user pointer instead of the request. */
#include <ntddk.h>

typedef struct _QUEUE_REQUEST {
    ULONG QueueId;
    ULONG Priority;
    ULONG64 Context;
    ULONG64 Deadline;
} QUEUE_REQUEST, *PQUEUE_REQUEST;

NTSTATUS QueueFromUser(PQUEUE_REQUEST UserRequest, PQUEUE_REQUEST Captured)
{
    NTSTATUS Status = STATUS_SUCCESS;

    try {
        ProbeForRead(UserRequest, sizeof(QUEUE_REQUEST), TYPE_ALIGNMENT(QUEUE_REQUEST));
        RtlCopyMemory(Captured, UserRequest, sizeof(UserRequest)); // expect: UM2004, UM2001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}
