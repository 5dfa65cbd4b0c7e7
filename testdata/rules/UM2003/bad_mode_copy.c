/* Code serving user and kernel callers copies a struct with the Mode accessors. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RANGE {
    ULONG_PTR Start;
    ULONG_PTR End;
} RANGE;

NTSTATUS ReadRange(const RANGE *Caller, KPROCESSOR_MODE PreviousMode, RANGE *Out)
{
    RANGE Captured;
    __try {
        CopyFromModeAligned(&Captured, Caller, sizeof Captured, PreviousMode, TYPE_ALIGNMENT(RANGE)); // expect: UM2003
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    if (Captured.End < Captured.Start)
        return STATUS_INVALID_PARAMETER;
    *Out = Captured;
    return STATUS_SUCCESS;
}

NTSTATUS WriteRange(RANGE *Caller, KPROCESSOR_MODE PreviousMode, const RANGE *Value)
{
    RANGE Copy = *Value;
    __try {
        CopyToModeAligned(Caller, &Copy, sizeof(RANGE), PreviousMode, TYPE_ALIGNMENT(RANGE)); // expect: UM2003
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
