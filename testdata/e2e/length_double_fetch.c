/* Bug (a): the length double fetch that feeds a copy.
 *
 * METHOD_NEITHER IOCTL: the handler checks the caller's Length against its
 * staging buffer, probes the request and copies Length bytes. Length is
 * read from user memory twice; a user thread that changes it between the
 * check and the copy overflows the device's staging buffer.
 *
 * End-to-end subject (testdata/e2e/BUILD): compiled unchanged and after
 * `umalint --fix --unsafe-fixes`, then run by length_double_fetch_harness.c.
 */
#include <ntddk.h>

#include "e2e_driver.h"

NTSTATUS E2eSubmitMessage(PE2E_DEVICE_EXTENSION Extension, PIO_STACK_LOCATION IrpSp, PULONG Stored)
{
    PE2E_MESSAGE Request = (PE2E_MESSAGE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status = STATUS_SUCCESS;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(E2E_MESSAGE))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        if (Request->Length > sizeof(Extension->Staging)) { // expect: UM1001
            Status = STATUS_INVALID_PARAMETER;
            __leave;
        }
        ProbeForRead(Request, sizeof(E2E_MESSAGE), 1);
        RtlCopyMemory(Extension->Staging, Request->Data, Request->Length); // expect: UM1003, UM1004, UM2001, UM2001
        *Stored = Request->Length; // expect: UM1003, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}
