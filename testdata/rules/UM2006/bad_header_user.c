/* Includes the header helper; its finding is expected in the header. */
#include "bad_helper_in_header.h"

NTSTATUS HandleClear(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    return ClearUserRegion(Irp->UserBuffer, IrpSp->Parameters.DeviceIoControl.OutputBufferLength);
}
