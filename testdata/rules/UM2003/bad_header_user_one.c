#include "bad_helper_in_header.h"

NTSTATUS FirstUser(const SHARED_HEADER *User)
{
    SHARED_HEADER Kernel;
    return CaptureSharedHeader(User, &Kernel);
}
