// C++ driver using the accessors for a METHOD_NEITHER request.
#include <ntddk.h>
#include <usermode_accessors.h>

struct VOLUME_REQUEST {
    ULONG Channel;
    LONG Gain;
};

extern "C" NTSTATUS ApplyGain(ULONG Channel, LONG Gain);

extern "C" NTSTATUS VolumeHandleSet(PIO_STACK_LOCATION IrpSp)
{
    VOLUME_REQUEST *Request = static_cast<VOLUME_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    VOLUME_REQUEST Captured;
    if (Request == nullptr)
        return STATUS_INVALID_PARAMETER;
    __try {
        ReadStructFromUserAligned(&Captured, Request, TYPE_ALIGNMENT(VOLUME_REQUEST));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return ApplyGain(Captured.Channel, Captured.Gain);
}
