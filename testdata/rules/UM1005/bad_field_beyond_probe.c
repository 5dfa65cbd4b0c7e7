/* The probe covers the fixed part of the request; the code then reads a
 * field of the extended part directly. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _TRACE_REQUEST {
    ULONG Level;
    ULONG Keywords;
    ULONG64 SessionId;
    ULONG BufferSize;
} TRACE_REQUEST, *PTRACE_REQUEST;

#define TRACE_REQUEST_V1_SIZE FIELD_OFFSET(TRACE_REQUEST, SessionId)

NTSTATUS TraceStart(ULONG Level, ULONG BufferSize);

NTSTATUS TraceHandleStart(PIO_STACK_LOCATION IrpSp)
{
    PTRACE_REQUEST Request = (PTRACE_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Level;
    ULONG BufferSize;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < TRACE_REQUEST_V1_SIZE)
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, TRACE_REQUEST_V1_SIZE, TYPE_ALIGNMENT(ULONG));
        Level = ReadULongFromUser(&Request->Level);
        BufferSize = Request->BufferSize; // expect: UM1005, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return TraceStart(Level, BufferSize);
}
