/* HAND-WRITTEN expected fix of ../length_double_fetch.c, NOT umalint output.
 *
 * umalint --fix --unsafe-fixes does not yet make that handler safe (see
 * testdata/e2e/BUILD, target length_double_fetch_umalint_fixed_test): it
 * turns the reads of Length into ReadULongFromUser calls but keeps both
 * fetches (no UM1003 capture fix yet) and leaves the RtlCopyMemory of
 * Request->Data (UM2001 does not see the array member as a user read).
 * This is the rewrite the UM1003 fix is meant to produce: one kernel copy
 * captured with ReadStructFromUserAligned, every later read from the copy.
 */
#include <ntddk.h>
#include <usermode_accessors.h>

#include "../e2e_driver.h"

NTSTATUS E2eSubmitMessage(PE2E_DEVICE_EXTENSION Extension, PIO_STACK_LOCATION IrpSp, PULONG Stored)
{
    PE2E_MESSAGE Request = (PE2E_MESSAGE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    E2E_MESSAGE Captured;
    NTSTATUS Status = STATUS_SUCCESS;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(E2E_MESSAGE))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ReadStructFromUserAligned(&Captured, Request, TYPE_ALIGNMENT(E2E_MESSAGE));
        if (Captured.Length > sizeof(Extension->Staging)) {
            Status = STATUS_INVALID_PARAMETER;
            __leave;
        }
        RtlCopyMemory(Extension->Staging, Captured.Data, Captured.Length);
        *Stored = Captured.Length;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}
