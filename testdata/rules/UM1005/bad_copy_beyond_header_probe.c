/* Version 2 of a request grew a tail, but the probe still covers only the
 * version 1 header. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _CFG_HEADER {
    ULONG Version;
    ULONG Size;
} CFG_HEADER, *PCFG_HEADER;

typedef struct _CFG_REQUEST_V2 {
    CFG_HEADER Header;
    ULONG Flags;
    ULONG64 Mask;
} CFG_REQUEST_V2, *PCFG_REQUEST_V2;

NTSTATUS CfgApply(const CFG_REQUEST_V2 *Request);

NTSTATUS CfgHandleSet(PIO_STACK_LOCATION IrpSp)
{
    PCFG_HEADER Header = (PCFG_HEADER)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    CFG_REQUEST_V2 Request;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(CFG_HEADER))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Header, sizeof(CFG_HEADER), TYPE_ALIGNMENT(CFG_HEADER));
        RtlCopyMemory(&Request, Header, sizeof(CFG_REQUEST_V2)); // expect: UM1005, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return CfgApply(&Request);
}
