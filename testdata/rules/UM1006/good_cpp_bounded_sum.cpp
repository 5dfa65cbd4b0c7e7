// C++: the SIZE_T payload length is bounded before the sum.
#include <ntddk.h>
#include <usermode_accessors.h>

struct MESSAGE_HEADER {
    ULONG Type;
    ULONG Flags;
};

extern "C" NTSTATUS SendMessageToCaller(PVOID UserBuffer, const UCHAR *Message, SIZE_T PayloadLength)
{
    if (PayloadLength > PAGE_SIZE) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        CopyToUser(UserBuffer, Message, PayloadLength + sizeof(MESSAGE_HEADER));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
