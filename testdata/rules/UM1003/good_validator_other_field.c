// The helper validates the kind; the dispatcher reads the length once and
// uses only that value. Nothing is read twice.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _PAIR_REQUEST {
    ULONG Kind;
    ULONG Length;
    UCHAR Data[32];
} PAIR_REQUEST, *PPAIR_REQUEST;

static BOOLEAN PairKindIsKnown(PPAIR_REQUEST Request)
{
    return ReadULongFromUser(&Request->Kind) == 1;
}

NTSTATUS PairDispatch(PIRP Irp, PUCHAR Out)
{
    PPAIR_REQUEST Request = (PPAIR_REQUEST)Irp->UserBuffer;
    __try {
        if (!PairKindIsKnown(Request))
            return STATUS_NOT_SUPPORTED;
        ULONG Length = ReadULongFromUser(&Request->Length);
        if (Length > sizeof(Request->Data))
            return STATUS_INVALID_PARAMETER;
        CopyFromUser(Out, Request->Data, Length);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
