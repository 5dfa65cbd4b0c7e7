/* A classic probe of Count * ElementSize computed in ULONG: both are read
 * from the caller's query and the product wraps before the probe sees it. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TABLE_QUERY {
    ULONG Count;
    ULONG ElementSize;
    PVOID Output;
} TABLE_QUERY;

NTSTATUS ClearTable(TABLE_QUERY *UserQuery)
{
    __try {
        ULONG Count = ReadULongFromUser(&UserQuery->Count);
        ULONG ElementSize = ReadULongFromUser(&UserQuery->ElementSize);
        PVOID Output = ReadPointerFromUser(&UserQuery->Output);
        ProbeForWrite(Output, Count * ElementSize, sizeof(UCHAR)); // expect: UM1006
        RtlZeroMemory(Output, 64); // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
