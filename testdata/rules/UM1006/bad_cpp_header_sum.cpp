// C++: the payload length read from the message plus the header size can
// wrap to a tiny copy.
#include <ntddk.h>
#include <usermode_accessors.h>

struct MESSAGE {
    SIZE_T PayloadLength;
    ULONG Type;
    ULONG Flags;
};

extern "C" NTSTATUS CaptureMessage(const MESSAGE *UserMessage, UCHAR *Buffer)
{
    __try {
        SIZE_T PayloadLength = ReadSizeTFromUser(&UserMessage->PayloadLength);
        CopyFromUser(Buffer, UserMessage, PayloadLength + sizeof(MESSAGE)); // expect: UM1006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
