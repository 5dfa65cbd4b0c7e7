/* Bug (b): a struct read after ProbeForRead(p, n, 1).
 *
 * The dispatch routine probes the request with alignment 1 and then reads
 * the 64-bit Offset in place. A misaligned request is never rejected (a
 * fault on strict-alignment processors, a torn read everywhere).
 *
 * End-to-end subject (testdata/e2e/BUILD), see unaligned_struct_read_harness.c.
 */
#include <ntddk.h>

#include "e2e_driver.h"

DRIVER_DISPATCH E2eSeekDeviceControl;

NTSTATUS E2eSeekDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PE2E_SEEK_REQUEST Request = (PE2E_SEEK_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status = STATUS_SUCCESS;
    ULONG64 Offset = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(E2E_SEEK_REQUEST)) {
        Status = STATUS_BUFFER_TOO_SMALL;
    } else {
        __try {
            ProbeForRead(Request, sizeof(E2E_SEEK_REQUEST), 1);
            Offset = Request->Offset; // expect: UM1004, UM2001
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    }
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = (ULONG_PTR)Offset;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
