/*
 * wdm_try_spelling.c - an older-style WDM driver that uses the C spellings
 * try/except/finally/leave (mapped to __try/... by ntdef.h), METHOD_NEITHER
 * output, spin locks, lists and an MDL. Test input: it must parse cleanly.
 */
#include <wdm.h>

#define IOCTL_OLD_QUERY CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_NEITHER, FILE_ANY_ACCESS)
#define OLD_TAG 'dlO '

typedef struct _OLD_ENTRY {
    LIST_ENTRY Link;
    ULONG Value;
} OLD_ENTRY, *POLD_ENTRY;

typedef struct _OLD_QUERY {
    ULONG Count;
    ULONG Values[4];
} OLD_QUERY, *POLD_QUERY;

static KSPIN_LOCK g_Lock;
static LIST_ENTRY g_List;
static KEVENT g_Event;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD OldUnload;
DRIVER_DISPATCH OldDispatch;
IO_COMPLETION_ROUTINE OldCompletion;

NTSTATUS OldCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    if (Irp->PendingReturned) {
        IoMarkIrpPending(Irp);
    }
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS FillUserBuffer(PIRP Irp, ULONG OutLen)
{
    POLD_QUERY out = (POLD_QUERY)Irp->UserBuffer;
    NTSTATUS status = STATUS_SUCCESS;
    KIRQL oldIrql;
    ULONG n = 0;
    OLD_QUERY local;

    RtlZeroMemory(&local, sizeof(local));
    KeAcquireSpinLock(&g_Lock, &oldIrql);
    for (PLIST_ENTRY e = g_List.Flink; e != &g_List && n < RTL_NUMBER_OF(local.Values); e = e->Flink) {
        POLD_ENTRY entry = CONTAINING_RECORD(e, OLD_ENTRY, Link);
        local.Values[n++] = entry->Value;
    }
    KeReleaseSpinLock(&g_Lock, oldIrql);
    local.Count = n;

    try {
        if (OutLen < sizeof(OLD_QUERY)) {
            status = STATUS_BUFFER_TOO_SMALL;
            leave;
        }
        ProbeForWrite(out, sizeof(OLD_QUERY), TYPE_ALIGNMENT(OLD_QUERY));
        RtlCopyMemory(out, &local, sizeof(local));
        Irp->IoStatus.Information = sizeof(OLD_QUERY);
    } except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }

    try {
        PMDL mdl = IoAllocateMdl(out, OutLen, FALSE, FALSE, NULL);
        if (mdl != NULL) {
            MmProbeAndLockPages(mdl, UserMode, IoWriteAccess);
            PVOID sys = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority | MdlMappingNoExecute);
            if (sys != NULL) {
                WriteULongNoFence((volatile ULONG *)sys, ReadULongNoFence((const volatile ULONG *)&local.Count));
            }
            MmUnlockPages(mdl);
            IoFreeMdl(mdl);
        }
    } finally {
        KeClearEvent(&g_Event);
    }
    return status;
}

NTSTATUS OldDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION irpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (irpSp->MajorFunction == IRP_MJ_DEVICE_CONTROL &&
        irpSp->Parameters.DeviceIoControl.IoControlCode == IOCTL_OLD_QUERY) {
        if (METHOD_FROM_CTL_CODE(IOCTL_OLD_QUERY) == METHOD_NEITHER && ExGetPreviousMode() == UserMode) {
            status = FillUserBuffer(Irp, irpSp->Parameters.DeviceIoControl.OutputBufferLength);
        }
    } else if (irpSp->MajorFunction == IRP_MJ_CREATE || irpSp->MajorFunction == IRP_MJ_CLOSE) {
        status = STATUS_SUCCESS;
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

VOID OldUnload(PDRIVER_OBJECT DriverObject)
{
    KIRQL irql;
    KeAcquireSpinLock(&g_Lock, &irql);
    while (!IsListEmpty(&g_List)) {
        POLD_ENTRY entry = CONTAINING_RECORD(RemoveHeadList(&g_List), OLD_ENTRY, Link);
        ExFreePoolWithTag(entry, OLD_TAG);
    }
    KeReleaseSpinLock(&g_Lock, irql);
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name;
    PDEVICE_OBJECT dev;
    NTSTATUS status;
    ULONG i;

    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeSpinLock(&g_Lock);
    InitializeListHead(&g_List);
    KeInitializeEvent(&g_Event, NotificationEvent, FALSE);
    for (i = 0; i < 3; i++) {
        POLD_ENTRY entry = (POLD_ENTRY)ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(OLD_ENTRY), OLD_TAG);
        if (entry == NULL) {
            break;
        }
        entry->Value = i;
        InsertTailList(&g_List, &entry->Link);
    }
    RtlInitUnicodeString(&name, L"\\Device\\OldStyle");
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++) {
        DriverObject->MajorFunction[i] = OldDispatch;
    }
    DriverObject->DriverUnload = OldUnload;
    dev->Flags |= DO_DIRECT_IO;
    return STATUS_SUCCESS;
}
