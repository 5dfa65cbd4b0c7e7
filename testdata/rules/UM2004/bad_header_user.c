/* Uses the header helper; the header's finding is expected there. */
#include "bad_helper_in_header.h"

NTSTATUS HandleRangeIoctl(PIRP Irp)
{
    RANGE_DESCRIPTOR Range;
    NTSTATUS Status = CaptureRange(&Range, Irp->UserBuffer);
    if (NT_SUCCESS(Status) && Range.Length == 0) {
        Status = STATUS_INVALID_PARAMETER;
    }
    return Status;
}
