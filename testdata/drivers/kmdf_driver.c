/*
 * demo_kmdf.c - a KMDF driver. Buffered requests are retrieved with
 * WdfRequestRetrieveInputBuffer (kernel copies); one neither-I/O request is
 * handled in the caller's context with the unsafe retrieval routines, and
 * that buffer is user memory.
 */
#include <ntddk.h>
#include <wdf.h>
#include <usermode_accessors.h>

#define IOCTL_KDEMO_ECHO CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_KDEMO_MAP CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_KDEMO_MAP_SAFE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x902, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _KDEMO_ECHO {
    ULONG Value;
} KDEMO_ECHO, *PKDEMO_ECHO;

typedef struct _KDEMO_MAP_REQUEST {
    ULONG64 Address;
    ULONG Size;
    ULONG Protection;
} KDEMO_MAP_REQUEST, *PKDEMO_MAP_REQUEST;

typedef struct _KDEMO_CONTEXT {
    KDEMO_MAP_REQUEST Pending;
} KDEMO_CONTEXT, *PKDEMO_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(KDEMO_CONTEXT, KDemoGetContext)

DRIVER_INITIALIZE DriverEntry;
EVT_WDF_DRIVER_DEVICE_ADD KDemoDeviceAdd;
EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL KDemoIoDeviceControl;
EVT_WDF_IO_IN_CALLER_CONTEXT KDemoIoInCallerContext;

VOID KDemoIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                          size_t InputBufferLength, ULONG IoControlCode)
{
    PKDEMO_ECHO Echo;
    size_t Length;
    NTSTATUS Status = STATUS_INVALID_DEVICE_REQUEST;

    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_KDEMO_ECHO) {
        Status = WdfRequestRetrieveInputBuffer(Request, sizeof(KDEMO_ECHO), (PVOID *)&Echo, &Length);
        if (NT_SUCCESS(Status)) {
            Echo->Value ^= 0x5a5a5a5a;
            WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(KDEMO_ECHO));
            return;
        }
    }
    WdfRequestComplete(Request, Status);
}

/* Buggy: the unsafe user buffer is read directly, twice, without a probe. */
static NTSTATUS KDemoCaptureMap(WDFREQUEST Request, PKDEMO_CONTEXT Context)
{
    PKDEMO_MAP_REQUEST User;
    size_t Length;
    NTSTATUS Status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, sizeof(KDEMO_MAP_REQUEST), (PVOID *)&User, &Length);
    if (!NT_SUCCESS(Status))
        return Status;
    __try {
        if (User->Size == 0 || User->Size > 0x100000) // expect: UM1001, UM1001, UM1003
            return STATUS_INVALID_PARAMETER;
        Context->Pending.Address = User->Address; // expect: UM1001
        Context->Pending.Size = User->Size; // expect: UM1001, UM1003
        Context->Pending.Protection = User->Protection; // expect: UM1001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

/* Correct: one capture through the accessor, validated on the copy. */
static NTSTATUS KDemoCaptureMapSafe(WDFREQUEST Request, PKDEMO_CONTEXT Context)
{
    PKDEMO_MAP_REQUEST User;
    KDEMO_MAP_REQUEST Captured;
    size_t Length;
    NTSTATUS Status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, sizeof(KDEMO_MAP_REQUEST), (PVOID *)&User, &Length);
    if (!NT_SUCCESS(Status))
        return Status;
    __try {
        ReadStructFromUserAligned(&Captured, User, TYPE_ALIGNMENT(KDEMO_MAP_REQUEST));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Captured.Size == 0 || Captured.Size > 0x100000)
        return STATUS_INVALID_PARAMETER;
    Context->Pending = Captured;
    return STATUS_SUCCESS;
}

VOID KDemoIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    PKDEMO_CONTEXT Context = KDemoGetContext(Device);
    WDF_REQUEST_PARAMETERS Parameters;
    NTSTATUS Status = STATUS_SUCCESS;

    WDF_REQUEST_PARAMETERS_INIT(&Parameters);
    WdfRequestGetParameters(Request, &Parameters);
    if (Parameters.Type == WdfRequestTypeDeviceControl) {
        ULONG Code = Parameters.Parameters.DeviceIoControl.IoControlCode;
        if (Code == IOCTL_KDEMO_MAP)
            Status = KDemoCaptureMap(Request, Context);
        else if (Code == IOCTL_KDEMO_MAP_SAFE)
            Status = KDemoCaptureMapSafe(Request, Context);
    }
    if (!NT_SUCCESS(Status)) {
        WdfRequestComplete(Request, Status);
        return;
    }
    Status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(Status))
        WdfRequestComplete(Request, Status);
}

NTSTATUS KDemoDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE Device;
    WDF_OBJECT_ATTRIBUTES Attributes;
    WDF_IO_QUEUE_CONFIG QueueConfig;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(Driver);
    WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoBuffered);
    WdfDeviceInitSetIoInCallerContextCallback(DeviceInit, KDemoIoInCallerContext);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&Attributes, KDEMO_CONTEXT);
    Status = WdfDeviceCreate(&DeviceInit, &Attributes, &Device);
    if (!NT_SUCCESS(Status))
        return Status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&QueueConfig, WdfIoQueueDispatchSequential);
    QueueConfig.EvtIoDeviceControl = KDemoIoDeviceControl;
    return WdfIoQueueCreate(Device, &QueueConfig, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG Config;
    WDF_DRIVER_CONFIG_INIT(&Config, KDemoDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &Config, WDF_NO_HANDLE);
}
