// A driver that already does it right: every user access is an accessor
// call inside __try/__except.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_QUERY {
    ULONG Id;
    ULONG Flags;
    ULONG Result;
} SAMPLE_QUERY, *PSAMPLE_QUERY;

extern ULONG SampleLookup(ULONG Id, ULONG Flags);

NTSTATUS SampleQuery(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_QUERY Query = (PSAMPLE_QUERY)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Id, Flags;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(SAMPLE_QUERY))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        Id = ReadULongFromUser(&Query->Id);
        Flags = ReadULongFromUser(&Query->Flags);
        WriteULongToUser(&Query->Result, SampleLookup(Id, Flags));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(SAMPLE_QUERY);
    return STATUS_SUCCESS;
}
