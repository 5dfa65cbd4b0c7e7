/*
 * demo_wdm.c - a WDM device driver with a METHOD_NEITHER IOCTL interface,
 * written the way many production drivers still are: probe, then touch the
 * caller's buffer directly. The findings umalint must report are marked.
 */
#include <ntddk.h>

#define DEMO_DEVICE_NAME L"\\Device\\DemoWdm"
#define DEMO_LINK_NAME L"\\DosDevices\\DemoWdm"
#define DEMO_TAG 'omeD'
#define DEMO_MAX_PAYLOAD 4096

#define IOCTL_DEMO_GET_VERSION CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_DEMO_SET_CONFIG CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_DEMO_SUBMIT CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_DEMO_QUERY_STATS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_DEMO_INTERNAL_RESET CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _DEMO_VERSION {
    ULONG Major;
    ULONG Minor;
} DEMO_VERSION, *PDEMO_VERSION;

typedef struct _DEMO_CONFIG {
    ULONG Flags;
    ULONG TimeoutMs;
    ULONG64 Cookie;
} DEMO_CONFIG, *PDEMO_CONFIG;

typedef struct _DEMO_SUBMIT {
    ULONG Length;
    ULONG Reserved;
    PVOID Payload;
} DEMO_SUBMIT, *PDEMO_SUBMIT;

typedef struct _DEMO_STATS {
    ULONG Submitted;
    ULONG Rejected;
    LARGE_INTEGER LastSubmit;
} DEMO_STATS, *PDEMO_STATS;

typedef struct _DEMO_EXTENSION {
    DEMO_CONFIG Config;
    DEMO_STATS Stats;
    FAST_MUTEX Lock;
} DEMO_EXTENSION, *PDEMO_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DemoUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH DemoCreateClose;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) DRIVER_DISPATCH DemoDeviceControl;
_Dispatch_type_(IRP_MJ_INTERNAL_DEVICE_CONTROL) DRIVER_DISPATCH DemoInternalControl;

static NTSTATUS DemoCompleteRequest(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

_Use_decl_annotations_
NTSTATUS DemoCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return DemoCompleteRequest(Irp, STATUS_SUCCESS, 0);
}

/* METHOD_BUFFERED: the I/O manager copied the data; SystemBuffer is kernel memory. */
static NTSTATUS DemoGetVersion(PIRP Irp, PIO_STACK_LOCATION IrpSp, ULONG_PTR *Information)
{
    PDEMO_VERSION Version = (PDEMO_VERSION)Irp->AssociatedIrp.SystemBuffer;
    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(DEMO_VERSION))
        return STATUS_BUFFER_TOO_SMALL;
    Version->Major = 1;
    Version->Minor = 4;
    *Information = sizeof(DEMO_VERSION);
    return STATUS_SUCCESS;
}

/* METHOD_NEITHER: the input is the caller's own memory. */
static NTSTATUS DemoSetConfig(PDEMO_EXTENSION Extension, PIO_STACK_LOCATION IrpSp)
{
    PDEMO_CONFIG UserConfig = (PDEMO_CONFIG)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    DEMO_CONFIG Config;

    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(DEMO_CONFIG))
        return STATUS_BUFFER_TOO_SMALL;
    __try {
        ProbeForRead(UserConfig, sizeof(DEMO_CONFIG), 1);
        RtlCopyMemory(&Config, UserConfig, sizeof(DEMO_CONFIG)); // expect: UM1004, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    if (Config.TimeoutMs == 0 || Config.TimeoutMs > 60000)
        return STATUS_INVALID_PARAMETER;
    ExAcquireFastMutex(&Extension->Lock);
    Extension->Config = Config;
    ExReleaseFastMutex(&Extension->Lock);
    return STATUS_SUCCESS;
}

/* The classic double fetch: the length is checked, then fetched again for the copy. */
static NTSTATUS DemoSubmit(PDEMO_EXTENSION Extension, PIO_STACK_LOCATION IrpSp)
{
    PDEMO_SUBMIT Request = (PDEMO_SUBMIT)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    PUCHAR Copy = NULL;
    NTSTATUS Status = STATUS_SUCCESS;

    __try {
        ProbeForRead(Request, sizeof(DEMO_SUBMIT), TYPE_ALIGNMENT(DEMO_SUBMIT));
        if (Request->Length == 0 || Request->Length > DEMO_MAX_PAYLOAD) // expect: UM2001, UM2001, UM1003
            return STATUS_INVALID_PARAMETER;
        Copy = (PUCHAR)ExAllocatePool2(POOL_FLAG_PAGED, DEMO_MAX_PAYLOAD, DEMO_TAG);
        if (Copy == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        ProbeForRead(Request->Payload, Request->Length, 1); // expect: UM2001, UM2001, UM1003
        RtlCopyMemory(Copy, Request->Payload, Request->Length); // expect: UM2001, UM2001, UM2001, UM1003, UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    if (NT_SUCCESS(Status)) {
        ExAcquireFastMutex(&Extension->Lock);
        Extension->Stats.Submitted++;
        KeQuerySystemTime(&Extension->Stats.LastSubmit);
        ExReleaseFastMutex(&Extension->Lock);
    }
    if (Copy != NULL)
        ExFreePoolWithTag(Copy, DEMO_TAG);
    return Status;
}

/* Output to the caller's buffer, written directly and outside __try. */
static NTSTATUS DemoQueryStats(PDEMO_EXTENSION Extension, PIRP Irp, PIO_STACK_LOCATION IrpSp, ULONG_PTR *Information)
{
    PDEMO_STATS Out = (PDEMO_STATS)Irp->UserBuffer;
    if (IrpSp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(DEMO_STATS))
        return STATUS_BUFFER_TOO_SMALL;
    ExAcquireFastMutex(&Extension->Lock);
    ProbeForWrite(Out, sizeof(DEMO_STATS), TYPE_ALIGNMENT(DEMO_STATS)); // expect: UM1002
    Out->Submitted = Extension->Stats.Submitted; // expect: UM1002, UM2002
    Out->Rejected = Extension->Stats.Rejected; // expect: UM1002, UM2002
    Out->LastSubmit = Extension->Stats.LastSubmit; // expect: UM1002, UM2002
    ExReleaseFastMutex(&Extension->Lock);
    *Information = sizeof(DEMO_STATS);
    return STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS DemoDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDEMO_EXTENSION Extension = (PDEMO_EXTENSION)DeviceObject->DeviceExtension;
    ULONG_PTR Information = 0;
    NTSTATUS Status;

    switch (IrpSp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_DEMO_GET_VERSION:
        Status = DemoGetVersion(Irp, IrpSp, &Information);
        break;
    case IOCTL_DEMO_SET_CONFIG:
        Status = DemoSetConfig(Extension, IrpSp);
        break;
    case IOCTL_DEMO_SUBMIT:
        Status = DemoSubmit(Extension, IrpSp);
        break;
    case IOCTL_DEMO_QUERY_STATS:
        Status = DemoQueryStats(Extension, Irp, IrpSp, &Information);
        break;
    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    return DemoCompleteRequest(Irp, Status, Information);
}

/* Internal IOCTLs come from other kernel components: their buffers are kernel memory. */
_Use_decl_annotations_
NTSTATUS DemoInternalControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDEMO_EXTENSION Extension = (PDEMO_EXTENSION)DeviceObject->DeviceExtension;
    NTSTATUS Status = STATUS_INVALID_DEVICE_REQUEST;

    if (IrpSp->Parameters.DeviceIoControl.IoControlCode == IOCTL_DEMO_INTERNAL_RESET) {
        PDEMO_CONFIG Defaults = (PDEMO_CONFIG)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
        if (Defaults != NULL) {
            ExAcquireFastMutex(&Extension->Lock);
            Extension->Config = *Defaults;
            RtlZeroMemory(&Extension->Stats, sizeof(Extension->Stats));
            ExReleaseFastMutex(&Extension->Lock);
            Status = STATUS_SUCCESS;
        }
    }
    return DemoCompleteRequest(Irp, Status, 0);
}

_Use_decl_annotations_
VOID DemoUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING LinkName;
    RtlInitUnicodeString(&LinkName, DEMO_LINK_NAME);
    IoDeleteSymbolicLink(&LinkName);
    IoDeleteDevice(DriverObject->DeviceObject);
}

_Use_decl_annotations_
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING DeviceName, LinkName;
    PDEVICE_OBJECT DeviceObject;
    PDEMO_EXTENSION Extension;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);
    RtlInitUnicodeString(&DeviceName, DEMO_DEVICE_NAME);
    Status = IoCreateDevice(DriverObject, sizeof(DEMO_EXTENSION), &DeviceName, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, &DeviceObject);
    if (!NT_SUCCESS(Status))
        return Status;
    Extension = (PDEMO_EXTENSION)DeviceObject->DeviceExtension;
    RtlZeroMemory(Extension, sizeof(*Extension));
    ExInitializeFastMutex(&Extension->Lock);
    Extension->Config.TimeoutMs = 1000;

    RtlInitUnicodeString(&LinkName, DEMO_LINK_NAME);
    Status = IoCreateSymbolicLink(&LinkName, &DeviceName);
    if (!NT_SUCCESS(Status)) {
        IoDeleteDevice(DeviceObject);
        return Status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = DemoCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = DemoCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DemoDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = DemoInternalControl;
    DriverObject->DriverUnload = DemoUnload;
    DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}
