/* Acquire/Release accessors have no Mode twin: nothing to suggest. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS PollReady(PIRP Irp, volatile ULONG *UserFlag, PULONG Ready)
{
    BOOLEAN FromKernel = Irp->RequestorMode == KernelMode;
    __try {
        *Ready = ReadULongFromUserAcquire(UserFlag);
        WriteULongToUserRelease(UserFlag, 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return FromKernel ? STATUS_SUCCESS : STATUS_PENDING;
}
