/* A capture helper shared by several dispatch files; the finding belongs to
 * the header and is reported once. */
#ifndef CAPTURE_HELPERS_H
#define CAPTURE_HELPERS_H

#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _RANGE_DESCRIPTOR {
    ULONG64 Start;
    ULONG64 Length;
} RANGE_DESCRIPTOR, *PRANGE_DESCRIPTOR;

FORCEINLINE NTSTATUS CaptureRange(PRANGE_DESCRIPTOR Kernel, const VOID *User)
{
    __try {
        CopyFromUserAligned(Kernel, User, sizeof(PRANGE_DESCRIPTOR), TYPE_ALIGNMENT(RANGE_DESCRIPTOR)); // expect: UM2004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
