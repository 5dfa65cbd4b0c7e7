/* A filter driver captures the whole request with a struct assignment after
 * probing it: a plain copy the compiler may split or repeat. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _FLT_RULE {
    ULONG RuleId;
    ULONG Action;
    LARGE_INTEGER Expiry;
} FLT_RULE, *PFLT_RULE;

NTSTATUS FltInstallRule(const FLT_RULE *Rule);

NTSTATUS FltHandleAddRule(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PFLT_RULE UserRule = (PFLT_RULE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    FLT_RULE Captured;

    UNREFERENCED_PARAMETER(Irp);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(FLT_RULE))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(UserRule, sizeof(FLT_RULE), TYPE_ALIGNMENT(FLT_RULE));
        Captured = *UserRule; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return FltInstallRule(&Captured);
}
