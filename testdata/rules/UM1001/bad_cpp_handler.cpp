// A C++ driver: the request arrives through Type3InputBuffer and a
// static_cast; the handler reads it with no probe.
#include <ntddk.h>

struct LED_REQUEST {
    ULONG Index;
    ULONG Brightness;
};

extern "C" NTSTATUS SetLed(ULONG Index, ULONG Brightness);

extern "C" NTSTATUS LedHandleSet(PIO_STACK_LOCATION IrpSp)
{
    LED_REQUEST *Request = static_cast<LED_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    ULONG Index, Brightness;
    __try {
        Index = Request->Index;           // expect: UM1001
        Brightness = Request->Brightness; // expect: UM1001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SetLed(Index, Brightness);
}
