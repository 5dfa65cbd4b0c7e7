/* METHOD_NEITHER: the name length comes from the request and is used for a
 * copy into a stack buffer without any check. The accessors validate the
 * user side only. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _NAME_REQUEST {
    ULONG NameLength;
    PWCHAR Name;
} NAME_REQUEST, *PNAME_REQUEST;

NTSTATUS RegisterDeviceName(const WCHAR *Name, ULONG NameLength);

NTSTATUS NameHandleRegister(PIO_STACK_LOCATION IrpSp)
{
    PNAME_REQUEST Request = (PNAME_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    WCHAR Name[64];
    ULONG NameLength;
    PWCHAR UserName;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(NAME_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        NameLength = ReadULongFromUser(&Request->NameLength);
        UserName = (PWCHAR)ReadPointerFromUser((PVOID *)&Request->Name);
        CopyFromUser(Name, UserName, NameLength); // expect: UM1005
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return RegisterDeviceName(Name, NameLength);
}
