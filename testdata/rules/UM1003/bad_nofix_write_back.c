// The handler writes its answer back into the same user request: a kernel
// copy taken up front would go stale, so UM1003 offers no fix here.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_EXCHANGE {
    ULONG Length;
    ULONG Result;
    UCHAR Data[64];
} SAMPLE_EXCHANGE, *PSAMPLE_EXCHANGE;

NTSTATUS SampleExchange(PIRP Irp, UCHAR *Local)
{
    PSAMPLE_EXCHANGE Exchange = (PSAMPLE_EXCHANGE)Irp->UserBuffer;
    __try {
        if (ReadULongFromUser(&Exchange->Length) > 64)
            return STATUS_INVALID_PARAMETER;
        CopyFromUser(Local, Exchange->Data, ReadULongFromUser(&Exchange->Length)); // expect: UM1003
        WriteULongToUser(&Exchange->Result, 1);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
