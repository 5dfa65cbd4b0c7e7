/* A helper told its caller's mode: the KernelMode branch serves kernel
 * callers, whose pointers are kernel memory. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RANGE { ULONG_PTR Start; ULONG_PTR End; } RANGE;

NTSTATUS ValidateRange(const RANGE *Range, KPROCESSOR_MODE AccessMode, RANGE *Out)
{
    if (AccessMode == KernelMode) {
        *Out = *Range;
        return Out->End >= Out->Start ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    }
    __try {
        ReadStructFromUserAligned(Out, Range, TYPE_ALIGNMENT(RANGE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Out->End >= Out->Start ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
