// Hands the METHOD_NEITHER buffer to the header's slot helper.
#include <ntddk.h>
#include <usermode_accessors.h>
#include "bad_fetch_in_header.h"

static ULONG g_Slots[8];

NTSTATUS SampleSetSlot(PIO_STACK_LOCATION IrpSp)
{
    __try {
        SampleStoreSlot((PSAMPLE_SLOT_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer, g_Slots, 8);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
