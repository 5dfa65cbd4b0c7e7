/* A capture helper shared by several handlers: the finding is in the header
 * and must be reported once, whichever file includes it. */
#ifndef BAD_HELPER_IN_HEADER_H
#define BAD_HELPER_IN_HEADER_H

#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SHARED_HEADER {
    ULONG Magic;
    ULONG Size;
} SHARED_HEADER;

static __forceinline NTSTATUS CaptureSharedHeader(const SHARED_HEADER *User, SHARED_HEADER *Kernel)
{
    __try {
        CopyFromUserAligned(Kernel, User, sizeof(*Kernel), TYPE_ALIGNMENT(SHARED_HEADER)); // expect: UM2003
        CopyFromUserAligned(&Kernel[0], User, sizeof(SHARED_HEADER), TYPE_ALIGNMENT(SHARED_HEADER)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
