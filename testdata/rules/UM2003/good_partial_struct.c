/* Copying only the header of a struct is deliberate, not a struct copy. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _MESSAGE_HEADER { ULONG Type; ULONG Length; } MESSAGE_HEADER;
typedef struct _MESSAGE { MESSAGE_HEADER Header; UCHAR Body[256]; } MESSAGE;

NTSTATUS PeekHeader(const MESSAGE *User, MESSAGE *Kernel)
{
    __try {
        CopyFromUserAligned(Kernel, User, sizeof(MESSAGE_HEADER), TYPE_ALIGNMENT(MESSAGE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Kernel->Header.Length <= sizeof(Kernel->Body) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
