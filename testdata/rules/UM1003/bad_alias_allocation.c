// The count is checked through an alias of the header and re-read through
// the request pointer for the allocation size.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_HEADER {
    ULONG Count;
    ULONG Reserved;
} SAMPLE_HEADER, *PSAMPLE_HEADER;

typedef struct _SAMPLE_LIST {
    SAMPLE_HEADER Header;
    ULONG Items[1];
} SAMPLE_LIST, *PSAMPLE_LIST;

#define SAMPLE_MAX_ITEMS 64
#define SAMPLE_TAG 'lpmS'

NTSTATUS SampleSetList(PIO_STACK_LOCATION IrpSp, PULONG *Copy)
{
    PSAMPLE_LIST List = (PSAMPLE_LIST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    PSAMPLE_HEADER Header = &List->Header;
    __try {
        if (ReadULongFromUser(&Header->Count) > SAMPLE_MAX_ITEMS)
            return STATUS_INVALID_PARAMETER;
        *Copy = (PULONG)ExAllocatePool2(POOL_FLAG_NON_PAGED,
                                        ReadULongFromUser(&List->Header.Count) * sizeof(ULONG), // expect: UM1003
                                        SAMPLE_TAG);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return *Copy ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}
