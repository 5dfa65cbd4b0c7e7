/* A 32-bit count times sizeof is computed in 64 bits on x64 and cannot
 * wrap; constant products and plain sizeof lengths are fine too. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE {
    ULONG64 Value;
    ULONG64 Time;
} SAMPLE;

NTSTATUS CaptureSamples(PVOID Samples, PVOID UserSamples, ULONG SampleCount, ULONG Header[4])
{
    __try {
        CopyFromUser(Samples, UserSamples, SampleCount * sizeof(SAMPLE));
        CopyFromUser(Samples, UserSamples, (SIZE_T)SampleCount * sizeof(SAMPLE));
        CopyFromUser(Header, UserSamples, 4 * sizeof(ULONG));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
