/* SetUserMemory follows memset (Destination, Fill, Length); here the size
 * is passed as the fill byte and 0xFF becomes the length. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _POISON_REPLY {
    ULONG Status;
    ULONG Reserved[15];
} POISON_REPLY, *PPOISON_REPLY;

NTSTATUS PoisonReply(PPOISON_REPLY UserReply)
{
    NTSTATUS Status = STATUS_SUCCESS;
    __try {
        SetUserMemory(UserReply, sizeof(POISON_REPLY), 0xFF); // expect: UM2006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}
