/* A packed wire format has alignment 1: copying it needs no alignment check. */
#include <ntddk.h>
#include <usermode_accessors.h>

#pragma pack(push, 1)
typedef struct _WIRE_ITEM {
    UCHAR Type;
    ULONG Value;
    USHORT Port;
} WIRE_ITEM, *PWIRE_ITEM;
#pragma pack(pop)

NTSTATUS CaptureWireItems(PWIRE_ITEM Items, const WIRE_ITEM *UserItems, ULONG Count, WIRE_ITEM *First)
{
    if (Count == 0 || Count > 128) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        CopyFromUser(Items, UserItems, Count * sizeof(WIRE_ITEM));
        ReadStructFromUser(First, UserItems);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
