/* Includes the helper; the finding is expected in the header. */
#include "bad_helper_in_header.h"

NTSTATUS HandleCapture(PIRP Irp, PVOID Destination, SIZE_T Length)
{
    if (Length > 64) {
        return STATUS_INVALID_PARAMETER;
    }
    return CaptureBytes(Destination, Irp->UserBuffer, Length, Irp->RequestorMode);
}
