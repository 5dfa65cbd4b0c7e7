/* Includes the helper; the finding is expected in the header. */
#include "bad_helper_in_header.h"

NTSTATUS HandleSetRoutes(PIRP Irp, ULONG Count)
{
    ROUTE_ENTRY Routes[32];
    return CaptureRoutes(Routes, (const ROUTE_ENTRY *)Irp->UserBuffer, Count);
}
