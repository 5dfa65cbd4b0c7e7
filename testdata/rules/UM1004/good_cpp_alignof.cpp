// C++: TYPE_ALIGNMENT is alignof there; both spellings are accepted.
#include <ntddk.h>
#include <usermode_accessors.h>

struct COUNTERS_REPLY {
    ULONG64 Packets;
    ULONG64 Bytes;
    ULONG Drops;
};

extern "C" NTSTATUS ReturnCounters(COUNTERS_REPLY *UserReply, const COUNTERS_REPLY &Reply)
{
    COUNTERS_REPLY Local = Reply;
    __try {
        WriteStructToUserAligned(UserReply, &Local, TYPE_ALIGNMENT(COUNTERS_REPLY));
        ReadStructFromUserAligned(&Local, UserReply, alignof(COUNTERS_REPLY));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
