/* Includes the helper; the finding is expected in the header. */
#include "bad_helper_in_header.h"

NTSTATUS HandleSamples(PIRP Irp)
{
    SAMPLE Samples[16];
    return CaptureSamples(Samples, (SAMPLE_BATCH *)Irp->UserBuffer);
}
