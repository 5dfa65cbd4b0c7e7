// Byte buffers and scalars copied with their own sizes, in C++.
#include <ntddk.h>
#include <usermode_accessors.h>

struct NAME_REQUEST {
    USHORT Length;
    WCHAR Name[32];
};

extern "C" NTSTATUS CaptureName(const NAME_REQUEST *UserRequest, WCHAR (&Name)[32], ULONG &Flags,
                                const ULONG *UserFlags)
{
    UCHAR Raw[sizeof(NAME_REQUEST)];
    __try {
        CopyFromUser(Raw, UserRequest, sizeof(Raw));
        CopyFromUser(Name, UserRequest->Name, sizeof(Name));
        CopyFromUser(&Flags, UserFlags, sizeof(Flags));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Raw[0] != 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
