/* Already uses the struct accessors: nothing to report. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _PING { ULONG Sequence; ULONG Payload; } PING;

NTSTATUS Ping(PING *User)
{
    PING Local;
    __try {
        ReadStructFromUserAligned(&Local, User, TYPE_ALIGNMENT(PING));
        Local.Sequence++;
        WriteStructToUserAligned(User, &Local, TYPE_ALIGNMENT(PING));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
