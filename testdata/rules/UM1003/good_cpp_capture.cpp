// C++: one accessor read per field, the local copies do the rest.
#include <ntddk.h>
#include <usermode_accessors.h>

struct RING_REQUEST {
    ULONG Head;
    ULONG Count;
};

extern "C" NTSTATUS RingAdvance(ULONG Head, ULONG Count);

extern "C" NTSTATUS RingHandleAdvance(PIO_STACK_LOCATION IrpSp)
{
    auto *Request = static_cast<RING_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    ULONG Head, Count;
    __try {
        Head = ReadULongFromUser(&Request->Head);
        Count = ReadULongFromUser(&Request->Count);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Count == 0 || Count > 32 || Head >= 32)
        return STATUS_INVALID_PARAMETER;
    return RingAdvance(Head, Count);
}
