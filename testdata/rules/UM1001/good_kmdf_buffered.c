// KMDF, buffered I/O: WdfRequestRetrieveInputBuffer returns the framework's
// kernel copy of the input, which may be read directly.
#include <ntddk.h>
#include <wdf.h>

typedef struct _SAMPLE_FAN {
    ULONG Speed;
    ULONG Zone;
} SAMPLE_FAN, *PSAMPLE_FAN;

extern NTSTATUS SampleSetFan(ULONG Zone, ULONG Speed);

VOID SampleEvtIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                              size_t InputBufferLength, ULONG IoControlCode)
{
    PSAMPLE_FAN Fan = NULL;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    UNREFERENCED_PARAMETER(IoControlCode);
    Status = WdfRequestRetrieveInputBuffer(Request, sizeof(SAMPLE_FAN), (PVOID *)&Fan, NULL);
    if (NT_SUCCESS(Status))
        Status = SampleSetFan(Fan->Zone, Fan->Speed);
    WdfRequestComplete(Request, Status);
}
