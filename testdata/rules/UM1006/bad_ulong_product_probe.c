/* A classic probe of Count * ElementSize computed in ULONG: both come from
 * the caller and the product wraps before the probe sees it. */
#include <ntddk.h>

typedef struct _TABLE_QUERY {
    ULONG Count;
    ULONG ElementSize;
} TABLE_QUERY;

NTSTATUS ClearTable(PVOID Output, const TABLE_QUERY *Query)
{
    ULONG Count = Query->Count;
    ULONG ElementSize = Query->ElementSize;

    __try {
        ProbeForWrite(Output, Count * ElementSize, sizeof(UCHAR)); // expect: UM1006
        RtlZeroMemory(Output, 64); // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
