// The caller checks one field; the helper uses a different one (and its
// own checked copy of it). Different fields are different memory.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _PAIR_REQUEST {
    ULONG Kind;
    ULONG Length;
    UCHAR Data[32];
} PAIR_REQUEST, *PPAIR_REQUEST;

static NTSTATUS PairCopy(PPAIR_REQUEST Request, PUCHAR Out)
{
    ULONG Length = ReadULongFromUser(&Request->Length);
    if (Length > sizeof(Request->Data))
        return STATUS_INVALID_PARAMETER;
    CopyFromUser(Out, Request->Data, Length);
    return STATUS_SUCCESS;
}

NTSTATUS PairDispatch(PIRP Irp, PUCHAR Out)
{
    PPAIR_REQUEST Request = (PPAIR_REQUEST)Irp->UserBuffer;
    __try {
        if (ReadULongFromUser(&Request->Kind) != 1)
            return STATUS_NOT_SUPPORTED;
        return PairCopy(Request, Out);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
}
