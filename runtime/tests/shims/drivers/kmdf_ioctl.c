/*
 * kmdf_ioctl.c - a typical KMDF driver: a control device with a parallel
 * queue, buffered IOCTLs through WdfRequestRetrieveInputBuffer and a
 * METHOD_NEITHER IOCTL captured in the caller's context through
 * WdfRequestRetrieveUnsafeUserInputBuffer. Test input: it must parse cleanly.
 */
#include <ntddk.h>
#include <wdf.h>

#define IOCTL_KM_SET CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00, METHOD_BUFFERED, FILE_WRITE_ACCESS)
#define IOCTL_KM_RAW CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA01, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _KM_SETTINGS {
    ULONG Mode;
    ULONG Threshold;
} KM_SETTINGS, *PKM_SETTINGS;

typedef struct _DEVICE_CONTEXT {
    KM_SETTINGS Settings;
    WDFSPINLOCK Lock;
} DEVICE_CONTEXT, *PDEVICE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_CONTEXT, KmGetDeviceContext)

typedef struct _REQUEST_CONTEXT {
    WDFMEMORY InputMemory;
} REQUEST_CONTEXT, *PREQUEST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE(REQUEST_CONTEXT)

DRIVER_INITIALIZE DriverEntry;
EVT_WDF_DRIVER_DEVICE_ADD KmEvtDeviceAdd;
EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL KmEvtIoDeviceControl;
EVT_WDF_IO_IN_CALLER_CONTEXT KmEvtIoInCallerContext;

VOID KmEvtIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS params;
    WDF_OBJECT_ATTRIBUTES attributes;
    PREQUEST_CONTEXT reqContext;
    PVOID userBuffer;
    size_t length;
    NTSTATUS status;

    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    if (params.Type != WdfRequestTypeDeviceControl ||
        params.Parameters.DeviceIoControl.IoControlCode != IOCTL_KM_RAW) {
        status = WdfDeviceEnqueueRequest(Device, Request);
        if (!NT_SUCCESS(status)) {
            WdfRequestComplete(Request, status);
        }
        return;
    }
    if (WdfRequestGetRequestorMode(Request) == KernelMode) {
        WdfRequestComplete(Request, STATUS_NOT_SUPPORTED);
        return;
    }
    status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, sizeof(KM_SETTINGS), &userBuffer, &length);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, REQUEST_CONTEXT);
    status = WdfObjectAllocateContext(Request, &attributes, (PVOID *)&reqContext);
    if (NT_SUCCESS(status)) {
        status = WdfRequestProbeAndLockUserBufferForRead(Request, userBuffer, length, &reqContext->InputMemory);
    }
    if (NT_SUCCESS(status)) {
        status = WdfDeviceEnqueueRequest(Device, Request);
    }
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
    }
}

VOID KmEvtIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                          size_t InputBufferLength, ULONG IoControlCode)
{
    PDEVICE_CONTEXT ctx = KmGetDeviceContext(WdfIoQueueGetDevice(Queue));
    NTSTATUS status = STATUS_SUCCESS;
    PKM_SETTINGS in;
    size_t inLen;
    ULONG_PTR info = 0;

    UNREFERENCED_PARAMETER(OutputBufferLength);
    switch (IoControlCode) {
    case IOCTL_KM_SET:
        if (InputBufferLength < sizeof(KM_SETTINGS)) {
            status = STATUS_BUFFER_TOO_SMALL;
            break;
        }
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(KM_SETTINGS), (PVOID *)&in, &inLen);
        if (NT_SUCCESS(status)) {
            WdfSpinLockAcquire(ctx->Lock);
            ctx->Settings = *in;
            WdfSpinLockRelease(ctx->Lock);
            info = sizeof(KM_SETTINGS);
        }
        break;
    case IOCTL_KM_RAW: {
        PREQUEST_CONTEXT reqContext = WdfObjectGet_REQUEST_CONTEXT(Request);
        size_t size;
        PKM_SETTINGS locked = (PKM_SETTINGS)WdfMemoryGetBuffer(reqContext->InputMemory, &size);
        if (size >= sizeof(KM_SETTINGS)) {
            RtlCopyMemory(&ctx->Settings, locked, sizeof(KM_SETTINGS));
        }
        break;
    }
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

NTSTATUS KmEvtDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queueConfig;
    WDFDEVICE device;
    WDFQUEUE queue;
    PDEVICE_CONTEXT ctx;
    NTSTATUS status;
    DECLARE_CONST_UNICODE_STRING(deviceName, L"\\Device\\KmSample");
    DECLARE_CONST_UNICODE_STRING(linkName, L"\\DosDevices\\KmSample");

    UNREFERENCED_PARAMETER(Driver);
    WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoBuffered);
    WdfDeviceInitSetIoInCallerContextCallback(DeviceInit, KmEvtIoInCallerContext);
    status = WdfDeviceInitAssignName(DeviceInit, &deviceName);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    ctx = KmGetDeviceContext(device);
    status = WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &ctx->Lock);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(device, &linkName);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queueConfig, WdfIoQueueDispatchParallel);
    queueConfig.EvtIoDeviceControl = KmEvtIoDeviceControl;
    return WdfIoQueueCreate(device, &queueConfig, WDF_NO_OBJECT_ATTRIBUTES, &queue);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;

    WDF_DRIVER_CONFIG_INIT(&config, KmEvtDeviceAdd);
    config.DriverPoolTag = 'mSmK';
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, WDF_NO_HANDLE);
}
