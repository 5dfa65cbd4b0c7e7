// C++: a debug pattern written with the fill and the length swapped.
#include <ntddk.h>
#include <usermode_accessors.h>

struct STATUS_BLOCK {
    ULONG Status;
    ULONG Information;
    ULONG64 Cookie;
};

extern "C" NTSTATUS MarkUnused(STATUS_BLOCK *Reply)
{
    __try {
        FillUserMemory(Reply, 0xCC, sizeof(*Reply)); // expect: UM2006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
