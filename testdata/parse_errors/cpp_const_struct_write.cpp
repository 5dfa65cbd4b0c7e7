// Regression: C++ code whose error leaves an "<overloaded function type>"
// in the AST (a struct macro writing through a const pointer). libclang
// crashed when asked its size; umalint must report the parse error and go on.
#include <ntddk.h>
#include <usermode_accessors.h>

struct PORT_REPLY {
    ULONG Status;
    ULONG64 Token;
};

extern "C" NTSTATUS SendReply(PORT_REPLY *UserReply, const PORT_REPLY &Reply)
{
    __try {
        WriteStructToUserAligned((const PORT_REPLY *)UserReply, &Reply, TYPE_ALIGNMENT(PORT_REPLY)); // expect: UM0001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
