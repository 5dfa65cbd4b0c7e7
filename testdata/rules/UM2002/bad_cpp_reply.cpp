// C++ driver code storing a reply into a probed user buffer.
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
        ProbeForWrite(Reply, sizeof(POWER_STATE_REPLY), TYPE_ALIGNMENT(POWER_STATE_REPLY));
        Reply->State = PwrCurrentState();   // expect: UM2002
        Reply->WakeCount = PwrWakeCount();  // expect: UM2002
        Reply->Context = nullptr;           // expect: UM2002
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Irp->IoStatus.Information = sizeof(POWER_STATE_REPLY);
    return STATUS_SUCCESS;
}
