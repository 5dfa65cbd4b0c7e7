// Calls the header's writer with Irp->UserBuffer and no __try.
#include <ntddk.h>
#include <usermode_accessors.h>
#include "bad_writer_in_header.h"

NTSTATUS SampleComplete(PIRP Irp)
{
    SamplePublishStatus((NTSTATUS *)Irp->UserBuffer, STATUS_SUCCESS);
    return STATUS_SUCCESS;
}
