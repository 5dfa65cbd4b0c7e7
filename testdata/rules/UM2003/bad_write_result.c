/* Writes a result struct back to the caller's buffer with a hand-written size. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _QUERY_RESULT {
    NTSTATUS Status;
    ULONG BytesUsed;
    LARGE_INTEGER Timestamp;
} QUERY_RESULT;

NTSTATUS CompleteQuery(PIRP Irp, ULONG BytesUsed)
{
    QUERY_RESULT Result;
    RtlZeroMemory(&Result, sizeof(Result));
    Result.Status = STATUS_SUCCESS;
    Result.BytesUsed = BytesUsed;
    KeQuerySystemTime(&Result.Timestamp);
    __try {
        CopyToUserAligned(Irp->UserBuffer, &Result, sizeof(Result), TYPE_ALIGNMENT(QUERY_RESULT)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
