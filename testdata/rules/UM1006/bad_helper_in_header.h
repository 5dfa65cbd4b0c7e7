/* A helper in a header computes the copy length from an unchecked count;
 * the finding belongs to the header and is reported once. */
#ifndef SAMPLE_HELPERS_H
#define SAMPLE_HELPERS_H

#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE {
    ULONG64 Value;
    ULONG64 Time;
} SAMPLE;

FORCEINLINE NTSTATUS CaptureSamples(SAMPLE *Samples, PVOID UserSamples, SIZE_T SampleCount)
{
    __try {
        CopyFromUserAligned(Samples, UserSamples, SampleCount * sizeof(SAMPLE), TYPE_ALIGNMENT(SAMPLE)); // expect: UM1006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
