/* The tag buffer shrank to 16 bytes, the copy still uses the old constant. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define MAX_TAG_LENGTH 32

typedef struct _TAG_REQUEST {
    ULONG Flags;
    UCHAR Tag[MAX_TAG_LENGTH];
} TAG_REQUEST, *PTAG_REQUEST;

NTSTATUS TagAssign(const UCHAR *Tag, ULONG Flags);

NTSTATUS TagHandleAssign(PIO_STACK_LOCATION IrpSp)
{
    PTAG_REQUEST Request = (PTAG_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    UCHAR Tag[16];
    ULONG Flags;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TAG_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        Flags = ReadULongFromUser(&Request->Flags);
        CopyFromUser(Tag, &Request->Tag[0], MAX_TAG_LENGTH); // expect: UM1005
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return TagAssign(Tag, Flags);
}
