// The caller checks In->Header.Count and passes &In->Header to a helper
// that loops to the count it reads again.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _ITEM_HEADER {
    ULONG Count;
    ULONG Flags;
} ITEM_HEADER, *PITEM_HEADER;

typedef struct _ITEM_LIST {
    ITEM_HEADER Header;
    ULONG Items[16];
} ITEM_LIST, *PITEM_LIST;

static ULONG SumHeader(PITEM_HEADER Header, const ULONG *Items)
{
    ULONG Sum = 0;
    for (ULONG i = 0; i < Header->Count; i++) // expect: UM2001
        Sum += Items[i];
    return Sum;
}

NTSTATUS ItemsDispatch(PIRP Irp, PULONG Result)
{
    PITEM_LIST In = (PITEM_LIST)Irp->UserBuffer;
    __try {
        ProbeForRead(In, sizeof(ITEM_LIST), TYPE_ALIGNMENT(ITEM_LIST));
        if (In->Header.Count > 16) // expect: UM2001
            return STATUS_INVALID_PARAMETER;
        ULONG Local[16];
        CopyFromUser(Local, In->Items, sizeof(Local));
        *Result = SumHeader(&In->Header, Local); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
