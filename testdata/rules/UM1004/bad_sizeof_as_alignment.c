/* The structure's size passed where its alignment goes: 24 is not a power
 * of two, so the check tests meaningless bits. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _WINDOW_REQUEST {
    ULONG64 Base;
    ULONG64 Size;
    ULONG Protection;
    ULONG Flags;
} WINDOW_REQUEST, *PWINDOW_REQUEST;

NTSTATUS CaptureWindow(PIRP Irp, PWINDOW_REQUEST Captured)
{
    PWINDOW_REQUEST UserRequest = (PWINDOW_REQUEST)Irp->UserBuffer;
    __try {
        ReadStructFromUserAligned(Captured, UserRequest, sizeof(WINDOW_REQUEST)); // expect: UM1004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
