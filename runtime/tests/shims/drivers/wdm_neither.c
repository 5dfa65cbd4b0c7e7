/*
 * wdm_neither.c - a typical WDM driver with a METHOD_NEITHER IOCTL.
 * Test input for the WDK shim headers: it must parse cleanly.
 */
#include <ntddk.h>

#define SAMPLE_TAG 'lpmS'
#define IOCTL_SAMPLE_NEITHER CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_SAMPLE_BUFFERED CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)

typedef struct _SAMPLE_REQUEST {
    ULONG Operation;
    ULONG Length;
    LARGE_INTEGER Offset;
    UCHAR Data[16];
} SAMPLE_REQUEST, *PSAMPLE_REQUEST;

typedef struct _DEVICE_EXTENSION {
    PDEVICE_OBJECT Self;
    FAST_MUTEX Lock;
    LIST_ENTRY Pending;
    volatile LONG OpenCount;
} DEVICE_EXTENSION, *PDEVICE_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SampleUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH SampleCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH SampleDeviceControl;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, SampleUnload)
#endif

static UNICODE_STRING g_DeviceName = RTL_CONSTANT_STRING(L"\\Device\\Sample");
static UNICODE_STRING g_LinkName = RTL_CONSTANT_STRING(L"\\DosDevices\\Sample");

_Use_decl_annotations_
NTSTATUS SampleCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PDEVICE_EXTENSION ext = (PDEVICE_EXTENSION)DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION irpSp = IoGetCurrentIrpStackLocation(Irp);

    PAGED_CODE();
    if (irpSp->MajorFunction == IRP_MJ_CREATE) {
        InterlockedIncrement(&ext->OpenCount);
    } else {
        InterlockedDecrement(&ext->OpenCount);
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS HandleNeither(PIRP Irp, PIO_STACK_LOCATION irpSp)
{
    PVOID userIn = irpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG inLen = irpSp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG outLen = irpSp->Parameters.DeviceIoControl.OutputBufferLength;
    PSAMPLE_REQUEST copy;
    NTSTATUS status = STATUS_SUCCESS;

    if (inLen < sizeof(SAMPLE_REQUEST)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    copy = (PSAMPLE_REQUEST)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*copy), SAMPLE_TAG);
    if (copy == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }

    __try {
        if (Irp->RequestorMode != KernelMode) {
            ProbeForRead(userIn, sizeof(SAMPLE_REQUEST), TYPE_ALIGNMENT(SAMPLE_REQUEST));
            ProbeForWrite(Irp->UserBuffer, outLen, PROBE_ALIGNMENT(ULONG));
        }
        RtlCopyMemory(copy, userIn, sizeof(SAMPLE_REQUEST));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }

    if (NT_SUCCESS(status)) {
        if (copy->Length > RTL_FIELD_SIZE(SAMPLE_REQUEST, Data)) {
            status = STATUS_INVALID_PARAMETER;
        } else {
            KdPrint(("sample: op %lu len %lu\n", copy->Operation, copy->Length));
            Irp->IoStatus.Information = 0;
        }
    }
    RtlSecureZeroMemory(copy, sizeof(*copy));
    ExFreePoolWithTag(copy, SAMPLE_TAG);
    return status;
}

_Use_decl_annotations_
NTSTATUS SampleDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION irpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status;
    ULONG code = irpSp->Parameters.DeviceIoControl.IoControlCode;

    UNREFERENCED_PARAMETER(DeviceObject);
    switch (code) {
    case IOCTL_SAMPLE_NEITHER:
        status = HandleNeither(Irp, irpSp);
        break;
    case IOCTL_SAMPLE_BUFFERED: {
        PVOID sys = Irp->AssociatedIrp.SystemBuffer;
        ULONG len = irpSp->Parameters.DeviceIoControl.InputBufferLength;
        ULONG total;
        status = RtlULongAdd(len, sizeof(ULONG), &total);
        if (NT_SUCCESS(status) && sys != NULL) {
            RtlZeroMemory(sys, len);
            Irp->IoStatus.Information = len;
        }
        break;
    }
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

_Use_decl_annotations_
VOID SampleUnload(PDRIVER_OBJECT DriverObject)
{
    PAGED_CODE();
    IoDeleteSymbolicLink(&g_LinkName);
    if (DriverObject->DeviceObject != NULL) {
        IoDeleteDevice(DriverObject->DeviceObject);
    }
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "sample: unloaded\n");
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PDEVICE_OBJECT deviceObject = NULL;
    PDEVICE_EXTENSION ext;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, sizeof(DEVICE_EXTENSION), &g_DeviceName, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &deviceObject);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    ext = (PDEVICE_EXTENSION)deviceObject->DeviceExtension;
    RtlZeroMemory(ext, sizeof(*ext));
    ext->Self = deviceObject;
    ExInitializeFastMutex(&ext->Lock);
    InitializeListHead(&ext->Pending);

    status = IoCreateSymbolicLink(&g_LinkName, &g_DeviceName);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(deviceObject);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = SampleCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = SampleCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = SampleDeviceControl;
    DriverObject->DriverUnload = SampleUnload;
    deviceObject->Flags |= DO_BUFFERED_IO;
    deviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}
