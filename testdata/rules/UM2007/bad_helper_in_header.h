/* A header helper takes the access mode and probes by hand; the finding
 * belongs to the header and is reported once. */
#ifndef MODE_HELPERS_H
#define MODE_HELPERS_H

#include <ntddk.h>

FORCEINLINE NTSTATUS CaptureBytes(PVOID Destination, PVOID Source, SIZE_T Length, KPROCESSOR_MODE AccessMode)
{
    __try {
        if (AccessMode != KernelMode) {
            ProbeForRead(Source, Length, sizeof(UCHAR));
        }
        RtlCopyMemory(Destination, Source, Length); // expect: UM2007, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
