/* A helper multiplies counts its callers validated: parameters of a
 * non-kernel-entry function are the caller's to bound. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE {
    ULONG64 Value;
    ULONG64 Time;
} SAMPLE;

static NTSTATUS CopySamples(SAMPLE *Samples, PVOID UserSamples, SIZE_T SampleCount)
{
    __try {
        CopyFromUserAligned(Samples, UserSamples, SampleCount * sizeof(SAMPLE), TYPE_ALIGNMENT(SAMPLE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

NTSTATUS HandleSamples(PIRP Irp, SIZE_T SampleCount)
{
    SAMPLE Samples[16];
    if (SampleCount > RTL_NUMBER_OF(Samples)) {
        return STATUS_INVALID_PARAMETER;
    }
    return CopySamples(Samples, Irp->UserBuffer, SampleCount);
}
