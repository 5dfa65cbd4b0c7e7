/* The probe covers the whole request, so the far field is within it (the
 * raw read itself is UM2001's business). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TRACE_REQUEST {
    ULONG Level;
    ULONG Keywords;
    ULONG64 SessionId;
    ULONG BufferSize;
} TRACE_REQUEST, *PTRACE_REQUEST;

NTSTATUS TraceStart(ULONG BufferSize);

NTSTATUS TraceHandleStart(PIO_STACK_LOCATION IrpSp)
{
    PTRACE_REQUEST Request = (PTRACE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG BufferSize;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TRACE_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, sizeof(TRACE_REQUEST), TYPE_ALIGNMENT(TRACE_REQUEST));
        BufferSize = Request->BufferSize; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return TraceStart(BufferSize);
}
