// A syscall reads the caller's length through a plain ULONG pointer twice:
// once to check it, once to size the allocation.
#include <ntddk.h>

#define SAMPLE_MAX_QUERY 4096
#define SAMPLE_TAG 'qpmS'

static PVOID g_QueryBuffer;

__kernel_entry NTSTATUS NtSampleQuery(PULONG Length)
{
    PVOID Pool;
    __try {
        ProbeForRead(Length, sizeof(ULONG), TYPE_ALIGNMENT(ULONG));
        if (*Length > SAMPLE_MAX_QUERY) // expect: UM2001
            return STATUS_INVALID_PARAMETER;
        Pool = ExAllocatePool2(POOL_FLAG_PAGED, *Length, SAMPLE_TAG); // expect: UM1003, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    g_QueryBuffer = Pool;
    return Pool ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}
