// The helper has no __try of its own, but every call to it is inside one.
#include <ntddk.h>
#include <usermode_accessors.h>

static ULONG SampleReadCount(const ULONG *Count)
{
    return ReadULongFromUser(Count);
}

NTSTATUS SampleCount(PIO_STACK_LOCATION IrpSp, PULONG Result)
{
    const ULONG *UserCount = (const ULONG *)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    __try {
        *Result = SampleReadCount(UserCount);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
