// The count is checked through (*Request).Count and re-read as
// Request->Count for the allocation: the same field, two fetches.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_RANGE_LIST {
    ULONG Count;
    ULONG Reserved;
} SAMPLE_RANGE_LIST, *PSAMPLE_RANGE_LIST;

typedef struct _SAMPLE_RANGE {
    ULONG64 Start;
    ULONG64 Length;
} SAMPLE_RANGE;

#define SAMPLE_MAX_RANGES 32
#define SAMPLE_TAG 'rpmS'

NTSTATUS SampleSetRanges(PIRP Irp, SAMPLE_RANGE **Ranges)
{
    PSAMPLE_RANGE_LIST Request = (PSAMPLE_RANGE_LIST)Irp->UserBuffer;
    __try {
        ProbeForRead(Request, sizeof(SAMPLE_RANGE_LIST), TYPE_ALIGNMENT(SAMPLE_RANGE_LIST));
        if ((*Request).Count == 0 || (*Request).Count > SAMPLE_MAX_RANGES) // expect: UM1003, UM2001, UM2001
            return STATUS_INVALID_PARAMETER;
        *Ranges = (SAMPLE_RANGE *)ExAllocatePool2(POOL_FLAG_NON_PAGED, Request->Count * sizeof(SAMPLE_RANGE), // expect: UM1003, UM2001
                                                  SAMPLE_TAG);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return *Ranges ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}
