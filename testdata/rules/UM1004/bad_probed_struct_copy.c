/* Probe-then-copy with the `try`/`except` spellings: the pointer is declared
 * as the struct, probed for bytes, then read as the struct. */
#include <ntddk.h>

typedef struct _FILTER_RULE {
    ULONG64 Mask;
    ULONG64 Value;
    ULONG Action;
} FILTER_RULE, *PFILTER_RULE;

NTSTATUS CaptureRule(PFILTER_RULE UserRule, PFILTER_RULE Captured)
{
    FILTER_RULE Local;
    try {
        ProbeForRead(UserRule, sizeof(FILTER_RULE), sizeof(UCHAR));
        RtlCopyMemory(&Local, UserRule, sizeof(Local)); // expect: UM1004, UM2001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Captured = Local;
    return STATUS_SUCCESS;
}
