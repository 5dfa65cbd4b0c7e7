// A C++ driver writes its reply measured with the user pointer's size.
#include <ntddk.h>
#include <usermode_accessors.h>

struct PORT_REPLY {
    ULONG Status;
    ULONG Count;
    ULONG64 Token;
    ULONG64 Timestamp;
};

extern "C" NTSTATUS SendReply(PORT_REPLY *UserReply, const PORT_REPLY &Reply)
{
    __try {
        CopyToUserAligned(UserReply, &Reply, sizeof(UserReply), TYPE_ALIGNMENT(PORT_REPLY)); // expect: UM2004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
