// The same field is read in different switch cases and if/else arms: any
// one request reads it once.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_OP {
    ULONG Code;
    ULONG Argument;
} SAMPLE_OP, *PSAMPLE_OP;

extern NTSTATUS SampleOpen(ULONG Argument);
extern NTSTATUS SampleClose(ULONG Argument);

NTSTATUS SampleOperation(PIRP Irp)
{
    PSAMPLE_OP Op = (PSAMPLE_OP)Irp->UserBuffer;
    NTSTATUS Status = STATUS_INVALID_PARAMETER;
    __try {
        switch (ReadULongFromUser(&Op->Code)) {
        case 1:
            Status = SampleOpen(ReadULongFromUser(&Op->Argument));
            break;
        case 2:
            Status = SampleClose(ReadULongFromUser(&Op->Argument));
            break;
        default:
            break;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Status;
}

NTSTATUS SampleLegacyOperation(PIRP Irp, BOOLEAN Legacy)
{
    PSAMPLE_OP Op = (PSAMPLE_OP)Irp->UserBuffer;
    NTSTATUS Status;
    __try {
        if (Legacy)
            Status = SampleOpen(ReadULongFromUser(&Op->Argument) & 0xff);
        else
            Status = SampleClose(ReadULongFromUser(&Op->Argument) >> 8);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Status;
}
