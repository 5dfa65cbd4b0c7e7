// C++: correct fills of a reply block.
#include <ntddk.h>
#include <usermode_accessors.h>

struct STATUS_BLOCK {
    ULONG Status;
    ULONG Information;
    ULONG64 Cookie;
};

extern "C" NTSTATUS ResetReply(STATUS_BLOCK *Reply, UCHAR Pattern)
{
    __try {
        FillUserMemory(Reply, sizeof(*Reply), Pattern);
        SetUserMemory(Reply, Pattern, sizeof(STATUS_BLOCK));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
