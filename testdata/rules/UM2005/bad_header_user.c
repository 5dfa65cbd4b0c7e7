/* Uses the capture helper from bad_probe_in_header.h. */
#include "bad_probe_in_header.h"

NTSTATUS SessionHandleSetCookie(PIRP Irp, ULONG64 *Cookie)
{
    return CaptureUserCookie((const ULONG64 *)Irp->UserBuffer, Cookie);
}
