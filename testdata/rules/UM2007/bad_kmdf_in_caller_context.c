/* KMDF in-caller-context callback: the driver notes kernel requestors, yet
 * reads the unsafe user buffer with a ...FromUser accessor. */
#include <ntddk.h>
#include <wdf.h>
#include <usermode_accessors.h>

typedef struct _GAIN_REQUEST {
    ULONG Channel;
    ULONG Gain;
} GAIN_REQUEST, *PGAIN_REQUEST;

EVT_WDF_IO_IN_CALLER_CONTEXT GainIoInCallerContext;

VOID GainIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    PVOID Buffer = NULL;
    size_t Length = 0;
    GAIN_REQUEST Captured;
    NTSTATUS Status;
    BOOLEAN Internal = WdfRequestGetRequestorMode(Request) == KernelMode;

    Status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, sizeof(GAIN_REQUEST), &Buffer, &Length);
    if (NT_SUCCESS(Status)) {
        __try {
            ReadStructFromUserAligned(&Captured, (PGAIN_REQUEST)Buffer, TYPE_ALIGNMENT(GAIN_REQUEST)); // expect: UM2007
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    }
    if (!NT_SUCCESS(Status) || (!Internal && Captured.Gain > 100)) {
        WdfRequestComplete(Request, NT_SUCCESS(Status) ? STATUS_INVALID_PARAMETER : Status);
        return;
    }
    Status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(Status)) {
        WdfRequestComplete(Request, Status);
    }
}
