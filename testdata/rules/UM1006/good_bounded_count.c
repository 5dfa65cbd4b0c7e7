/* The count is bounded against a constant before the product is formed. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define MAX_SAMPLES 64

typedef struct _SAMPLE {
    ULONG64 Value;
    ULONG64 Time;
} SAMPLE;

NTSTATUS CaptureSamples(SAMPLE *Samples, PVOID UserSamples, SIZE_T SampleCount)
{
    if (SampleCount == 0 || SampleCount > MAX_SAMPLES) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        CopyFromUserAligned(Samples, UserSamples, SampleCount * sizeof(SAMPLE), TYPE_ALIGNMENT(SAMPLE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
