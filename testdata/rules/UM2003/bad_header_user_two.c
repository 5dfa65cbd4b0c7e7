#include "bad_helper_in_header.h"

NTSTATUS SecondUser(const SHARED_HEADER *User)
{
    SHARED_HEADER Kernel;
    NTSTATUS Status = CaptureSharedHeader(User, &Kernel);
    return NT_SUCCESS(Status) && Kernel.Magic == 0x4d414755 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
