// The WDK `try`/`except` spellings guard the accessors exactly like
// __try/__except.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_WINDOW {
    ULONG Left, Top, Right, Bottom;
} SAMPLE_WINDOW, *PSAMPLE_WINDOW;

extern NTSTATUS SampleMoveWindow(const SAMPLE_WINDOW *Window);

NTSTATUS SampleSetWindow(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_WINDOW UserWindow = (PSAMPLE_WINDOW)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    SAMPLE_WINDOW Window;
    try {
        ReadStructFromUserAligned(&Window, UserWindow, TYPE_ALIGNMENT(SAMPLE_WINDOW));
    } except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SampleMoveWindow(&Window);
}
