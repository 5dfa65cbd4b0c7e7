/* A helper in a header reads the sample count from the caller's header and
 * multiplies it unchecked; the finding belongs to the header and is
 * reported once. */
#ifndef SAMPLE_HELPERS_H
#define SAMPLE_HELPERS_H

#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE {
    ULONG64 Value;
    ULONG64 Time;
} SAMPLE;

typedef struct _SAMPLE_BATCH {
    SIZE_T Count;
    SAMPLE Samples[1];
} SAMPLE_BATCH;

FORCEINLINE NTSTATUS CaptureSamples(SAMPLE *Samples, SAMPLE_BATCH *UserBatch)
{
    __try {
        SIZE_T SampleCount = ReadSizeTFromUser(&UserBatch->Count);
        CopyFromUserAligned(Samples, UserBatch->Samples, SampleCount * sizeof(SAMPLE), TYPE_ALIGNMENT(SAMPLE)); // expect: UM1006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
