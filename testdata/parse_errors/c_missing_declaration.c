/* A file with errors still gets its findings in the code that is valid. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _REQ { ULONG Length; ULONG Flags; } REQ;

NTSTATUS Broken(REQ *User)
{
    return UndeclaredHelper(User); // expect: UM0001
}

NTSTATUS StillChecked(REQ *User)
{
    REQ Local;
    __try {
        CopyFromUserAligned(&Local, User, sizeof(REQ), TYPE_ALIGNMENT(REQ)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Flags ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
