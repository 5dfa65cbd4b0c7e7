// KMDF in-caller-context callback: WdfRequestRetrieveUnsafeUserInputBuffer
// hands out the raw user address, which must be probed before use.
#include <ntddk.h>
#include <wdf.h>

typedef struct _SAMPLE_MAP_REQUEST {
    ULONG Length;
    ULONG Flags;
} SAMPLE_MAP_REQUEST, *PSAMPLE_MAP_REQUEST;

VOID SampleEvtIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    PSAMPLE_MAP_REQUEST Map = NULL;
    size_t Length = 0;
    NTSTATUS Status;

    Status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, sizeof(SAMPLE_MAP_REQUEST), (PVOID *)&Map, &Length);
    if (NT_SUCCESS(Status)) {
        __try {
            if (Map->Length == 0) // expect: UM1001
                Status = STATUS_INVALID_PARAMETER;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            Status = GetExceptionCode();
        }
    }
    if (!NT_SUCCESS(Status)) {
        WdfRequestComplete(Request, Status);
        return;
    }
    Status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(Status))
        WdfRequestComplete(Request, Status);
}
