// C++: the reply is written with CopyToUser and no alignment check.
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
        CopyToUser(UserReply, &Local, sizeof(Local)); // expect: UM1004, UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
