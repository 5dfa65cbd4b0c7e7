// A C++ driver: a probed user request read field by field.
#include <ntddk.h>
#include <usermode_accessors.h>

struct TIMER_REQUEST {
    LONG64 DueTime;
    ULONG Period;
    BOOLEAN Wake;
};

extern "C" NTSTATUS ArmTimer(LONG64 DueTime, ULONG Period, BOOLEAN Wake);

extern "C" NTSTATUS TimerHandleArm(PIO_STACK_LOCATION IrpSp)
{
    TIMER_REQUEST *Request = static_cast<TIMER_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    LONG64 DueTime;
    ULONG Period;
    BOOLEAN Wake;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(TIMER_REQUEST))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(Request, sizeof(TIMER_REQUEST), TYPE_ALIGNMENT(TIMER_REQUEST));
        DueTime = Request->DueTime; // expect: UM2001
        Period = Request->Period;   // expect: UM2001
        Wake = Request->Wake;       // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return ArmTimer(DueTime, Period, Wake);
}
