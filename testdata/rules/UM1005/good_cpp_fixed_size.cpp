// C++: fixed-size captures with sizeof of the destination.
#include <ntddk.h>
#include <usermode_accessors.h>

struct TAG_REQUEST {
    ULONG Flags;
    UCHAR Tag[16];
};

extern "C" NTSTATUS TagAssign(const UCHAR *Tag, ULONG Flags);

extern "C" NTSTATUS TagHandleAssign(PIO_STACK_LOCATION IrpSp)
{
    TAG_REQUEST *Request = static_cast<TAG_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    UCHAR Tag[16];
    ULONG Flags;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TAG_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        Flags = ReadULongFromUser(&Request->Flags);
        CopyFromUser(Tag, &Request->Tag[0], sizeof(Tag));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return TagAssign(Tag, Flags);
}
