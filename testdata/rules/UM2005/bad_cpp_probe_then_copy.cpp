// C++: probe then a bulk accessor copy into a kernel buffer.
#include <ntddk.h>
#include <usermode_accessors.h>

struct NAME_REQUEST {
    ULONG Length;
    WCHAR Name[64];
};

extern "C" NTSTATUS RegisterName(const WCHAR *Name, ULONG Length);

extern "C" NTSTATUS NameHandleRegister(PIO_STACK_LOCATION IrpSp)
{
    NAME_REQUEST *Request = static_cast<NAME_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    WCHAR Name[64];
    ULONG Length;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(NAME_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, sizeof(NAME_REQUEST), 1); // expect: UM2005
        Length = ReadULongFromUser(&Request->Length);
        CopyFromUser(Name, &Request->Name[0], sizeof(Name));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Length > 64)
        return STATUS_INVALID_PARAMETER;
    return RegisterName(Name, Length);
}
