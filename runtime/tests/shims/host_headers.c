/*
 * host_headers.c - the WDK shim headers in host mode (gcc/clang on Linux,
 * -std=c11): every public header together, a few uses of each, SEH through
 * the runtime's excpt.h in both spellings. Compiled with -fsyntax-only.
 * Host mode has a 4-byte wchar_t, so UTF-16 literals are written u"...".
 */
#include <ntifs.h>
#include <ntstrsafe.h>
#include <wdf.h>
#include <ntintsafe.h>
#include <wdmsec.h>

_Static_assert(sizeof(ULONG) == 4, "ULONG is 4 bytes on the host too");
_Static_assert(sizeof(WCHAR) == 2, "WCHAR is 2 bytes on the host too");
_Static_assert(sizeof(LONG) == 4, "LONG is 4 bytes on the host too");

typedef struct _HOST_CONTEXT {
    ULONG Value;
} HOST_CONTEXT, *PHOST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(HOST_CONTEXT, HostGetContext)

EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL HostIoDeviceControl;

VOID HostIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                         size_t InputBufferLength, ULONG IoControlCode)
{
    PVOID buffer;
    size_t length;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    UNREFERENCED_PARAMETER(IoControlCode);
    if (NT_SUCCESS(WdfRequestRetrieveUnsafeUserInputBuffer(Request, 4, &buffer, &length))) {
        WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, length);
    }
}

NTSTATUS HostProbe(PIRP Irp);
NTSTATUS HostProbe(PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PVOID in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG copy = 0;
    NTSTATUS status = STATUS_SUCCESS;

    __try {
        ProbeForRead(in, sizeof(ULONG), TYPE_ALIGNMENT(ULONG));
        RtlCopyMemory(&copy, in, sizeof(copy));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    try {
        ProbeForWrite(Irp->UserBuffer, sizeof(ULONG), PROBE_ALIGNMENT(ULONG));
        *(volatile ULONG *)Irp->UserBuffer = copy;
    } except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    return status;
}

ULONG HostMisc(VOID);
ULONG HostMisc(VOID)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(u"\\Device\\Host");
    WCHAR buffer[32];
    LIST_ENTRY head;
    LONG counter = 0;
    ULONG sum;
    WDF_IO_QUEUE_CONFIG config;

    InitializeListHead(&head);
    InterlockedIncrement(&counter);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchSequential);
    (void)RtlStringCchCopyW(buffer, RTL_NUMBER_OF(buffer), u"x");
    if (!NT_SUCCESS(RtlULongAdd((ULONG)name.Length, (ULONG)counter, &sum))) {
        sum = 0;
    }
    return sum + (IsListEmpty(&head) ? 1u : 0u) + ReadULongNoFence(&sum);
}
