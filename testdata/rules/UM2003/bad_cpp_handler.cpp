// A C++ driver file: the same rule applies.
#include <ntddk.h>
#include <usermode_accessors.h>

struct VERSION_INFO {
    USHORT Major;
    USHORT Minor;
    ULONG Build;
};

extern "C" NTSTATUS QueryVersion(VERSION_INFO *UserOut)
{
    VERSION_INFO Info = {1, 2, 3000};
    __try {
        CopyToUserAligned(UserOut, &Info, sizeof(Info), TYPE_ALIGNMENT(VERSION_INFO)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
