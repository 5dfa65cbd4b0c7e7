/* Bug (d): the probe and the copy use different lengths.
 *
 * The handler probes InputBufferLength bytes of the caller's buffer and
 * copies PayloadLength bytes (a field of the already captured request
 * header). Nothing relates the two: with InputBufferLength = 0 the probe
 * checks nothing, and the copy reads wherever the pointer points,
 * kernel memory included.
 *
 * End-to-end subject (testdata/e2e/BUILD), see probe_copy_length_mismatch_harness.c.
 */
#include <ntddk.h>

#include "e2e_driver.h"

NTSTATUS E2eSendPacket(PE2E_DEVICE_EXTENSION Extension, PIO_STACK_LOCATION IrpSp, ULONG PayloadLength)
{
    PUCHAR Input = (PUCHAR)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG InputLength = IrpSp->Parameters.DeviceIoControl.InputBufferLength;

    if (PayloadLength > sizeof(Extension->Staging))
        return STATUS_BUFFER_OVERFLOW;
    __try {
        ProbeForRead(Input, InputLength, sizeof(UCHAR));
        RtlCopyMemory(Extension->Staging, Input, PayloadLength); // expect: UM1005, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
