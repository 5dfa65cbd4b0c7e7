/* The probe checks 8-byte alignment; ReadULong64FromUser does not, so the
 * probe still does something and stays (documented choice: quiet). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _CLOCK_REQUEST {
    ULONG64 Frequency;
    ULONG64 Offset;
} CLOCK_REQUEST, *PCLOCK_REQUEST;

NTSTATUS ClockProgram(ULONG64 Frequency, ULONG64 Offset);

NTSTATUS ClockHandleSet(PIO_STACK_LOCATION IrpSp)
{
    PCLOCK_REQUEST Request = (PCLOCK_REQUEST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG64 Frequency;
    ULONG64 Offset;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(CLOCK_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, sizeof(CLOCK_REQUEST), TYPE_ALIGNMENT(CLOCK_REQUEST));
        Frequency = ReadULong64FromUser(&Request->Frequency);
        Offset = ReadULong64FromUser(&Request->Offset);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return ClockProgram(Frequency, Offset);
}
