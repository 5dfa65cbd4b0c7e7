// C++: the completion status is written with a ...ToUser accessor in code
// that distinguishes kernel callers.
#include <ntddk.h>
#include <usermode_accessors.h>

extern "C" NTSTATUS CompleteRequestStatus(PIRP Irp, NTSTATUS *UserStatus, NTSTATUS Status)
{
    bool KernelCaller = Irp->RequestorMode == KernelMode;
    __try {
        WriteNtStatusToUser(UserStatus, Status); // expect: UM2007
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return KernelCaller ? STATUS_SUCCESS : Status;
}
