/* Uses the capture helper from bad_reader_in_header.h. */
#include "bad_reader_in_header.h"

NTSTATUS SerialSetBaudRate(PIO_STACK_LOCATION IrpSp, ULONG *BaudRate)
{
    return CapturePortBaudRate((const PORT_SETTINGS *)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer, BaudRate);
}
