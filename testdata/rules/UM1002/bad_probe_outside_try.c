// The probe runs before __try: a bad Type3InputBuffer raises an exception
// nobody handles.
#include <ntddk.h>

typedef struct _SAMPLE_KEY {
    ULONG Slot;
    UCHAR Key[16];
} SAMPLE_KEY, *PSAMPLE_KEY;

extern NTSTATUS SampleInstallKey(const SAMPLE_KEY *Key);

NTSTATUS SampleSetKey(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_KEY UserKey = (PSAMPLE_KEY)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_KEY Key;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_KEY))
        return STATUS_BUFFER_TOO_SMALL;
    ProbeForRead(UserKey, sizeof(SAMPLE_KEY), TYPE_ALIGNMENT(SAMPLE_KEY)); // expect: UM1002
    __try {
        RtlCopyMemory(&Key, UserKey, sizeof(Key)); // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SampleInstallKey(&Key);
}
