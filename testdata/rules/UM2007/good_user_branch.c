/* The ...User accessor sits in the branch that only user callers reach;
 * kernel callers get a plain copy of their kernel buffer. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BYTE_RANGE {
    ULONG64 Offset;
    ULONG64 Length;
} BYTE_RANGE, *PBYTE_RANGE;

NTSTATUS CaptureRange(PIRP Irp, PBYTE_RANGE Range, PBYTE_RANGE Result)
{
    BYTE_RANGE Captured;
    if (Irp->RequestorMode == KernelMode) {
        Captured = *Range;
    } else {
        __try {
            ReadStructFromUserAligned(&Captured, Range, TYPE_ALIGNMENT(BYTE_RANGE));
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            return GetExceptionCode();
        }
    }
    *Result = Captured;
    return STATUS_SUCCESS;
}
