// C++: a SIZE_T payload length plus the header size can wrap to a tiny copy.
#include <ntddk.h>
#include <usermode_accessors.h>

struct MESSAGE_HEADER {
    ULONG Type;
    ULONG Flags;
};

extern "C" NTSTATUS SendMessageToCaller(PVOID UserBuffer, const UCHAR *Message, SIZE_T PayloadLength)
{
    __try {
        CopyToUser(UserBuffer, Message, PayloadLength + sizeof(MESSAGE_HEADER)); // expect: UM1006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
