/* The probe's alignment check is kept by the ...Aligned struct accessor, so
 * the probe adds nothing. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _FLT_RULE {
    ULONG RuleId;
    ULONG Action;
    LARGE_INTEGER Expiry;
} FLT_RULE, *PFLT_RULE;

NTSTATUS FltInstallRule(const FLT_RULE *Rule);

NTSTATUS FltHandleAddRule(PIO_STACK_LOCATION IrpSp)
{
    PFLT_RULE UserRule = (PFLT_RULE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    FLT_RULE Captured;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(FLT_RULE))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(UserRule, sizeof(FLT_RULE), TYPE_ALIGNMENT(FLT_RULE)); // expect: UM2005
        ReadStructFromUserAligned(&Captured, UserRule, TYPE_ALIGNMENT(FLT_RULE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return FltInstallRule(&Captured);
}
