// Passes the METHOD_NEITHER buffer to an inline reader from a header.
#include <ntddk.h>
#include "bad_reader_in_header.h"

NTSTATUS SampleClassify(PIO_STACK_LOCATION IrpSp, USHORT *Kind)
{
    __try {
        *Kind = SampleHeaderKind((PSAMPLE_HEADER)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
