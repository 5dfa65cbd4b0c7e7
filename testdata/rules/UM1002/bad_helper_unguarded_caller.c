// The helper is called once inside __try and once outside it: its accessor
// is not covered on every path.
#include <ntddk.h>
#include <usermode_accessors.h>

static ULONG SampleReadTag(const ULONG *Tag)
{
    return ReadULongFromUser(Tag); // expect: UM1002
}

NTSTATUS SampleCheckTag(PIO_STACK_LOCATION IrpSp)
{
    const ULONG *Tag = (const ULONG *)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Value = 0;
    __try {
        Value = SampleReadTag(Tag);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Value == SampleReadTag(Tag) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
