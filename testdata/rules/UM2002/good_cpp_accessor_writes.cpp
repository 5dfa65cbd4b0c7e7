// C++ driver code storing its reply with the accessors.
#include <ntddk.h>
#include <usermode_accessors.h>

struct POWER_STATE_REPLY {
    ULONG State;
    SIZE_T WakeCount;
    PVOID Context;
};

extern "C" ULONG PwrCurrentState();
extern "C" SIZE_T PwrWakeCount();

extern "C" NTSTATUS PwrHandleQuery(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    POWER_STATE_REPLY *Reply = static_cast<POWER_STATE_REPLY *>(Irp->UserBuffer);

    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(POWER_STATE_REPLY))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        WriteULongToUser(&Reply->State, PwrCurrentState());
        WriteSizeTToUser(&Reply->WakeCount, PwrWakeCount());
        WritePointerToUser(&Reply->Context, nullptr);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(POWER_STATE_REPLY);
    return STATUS_SUCCESS;
}
