/* `try`/`except` spellings; the mode is a parameter, the probe is made for
 * user callers only and the range is captured by struct assignment. */
#include <ntddk.h>

typedef struct _BYTE_RANGE {
    ULONG64 Offset;
    ULONG64 Length;
} BYTE_RANGE, *PBYTE_RANGE;

NTSTATUS CaptureRange(PBYTE_RANGE UserRange, KPROCESSOR_MODE AccessMode, PBYTE_RANGE Result)
{
    BYTE_RANGE Captured;
    try {
        if (AccessMode == UserMode) {
            ProbeForRead(UserRange, sizeof(BYTE_RANGE), TYPE_ALIGNMENT(BYTE_RANGE));
        }
        Captured = *UserRange; // expect: UM2007, UM2001
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    *Result = Captured;
    return STATUS_SUCCESS;
}
