/* A shared statistics block in user memory, probed by the dispatch routine
 * and updated in place by a helper: read-modify-write through plain C. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SHARED_COUNTERS {
    ULONG Requests;
    ULONG Flags;
} SHARED_COUNTERS, *PSHARED_COUNTERS;

#define COUNTERS_FLAG_SEEN 0x1

static NTSTATUS CountRequest(PSHARED_COUNTERS Counters)
{
    __try {
        Counters->Requests++;                    // expect: UM2002
        Counters->Flags |= COUNTERS_FLAG_SEEN;   // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

NTSTATUS StatsHandleTick(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PSHARED_COUNTERS Counters = (PSHARED_COUNTERS)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    UNREFERENCED_PARAMETER(Irp);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SHARED_COUNTERS))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForWrite(Counters, sizeof(SHARED_COUNTERS), TYPE_ALIGNMENT(SHARED_COUNTERS));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return CountRequest(Counters);
}
