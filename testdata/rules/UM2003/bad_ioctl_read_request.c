/* METHOD_NEITHER IOCTL handler that captures its request with a hand-written size. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SET_CONFIG_REQUEST {
    ULONG Version;
    ULONG Flags;
    ULONG64 Cookie;
} SET_CONFIG_REQUEST, *PSET_CONFIG_REQUEST;

NTSTATUS HandleSetConfig(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    SET_CONFIG_REQUEST Request;
    PSET_CONFIG_REQUEST UserRequest = (PSET_CONFIG_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    UNREFERENCED_PARAMETER(Irp);
    __try {
        CopyFromUserAligned(&Request, UserRequest, sizeof(SET_CONFIG_REQUEST), TYPE_ALIGNMENT(SET_CONFIG_REQUEST)); // expect: UM2003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Request.Version == 1 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
