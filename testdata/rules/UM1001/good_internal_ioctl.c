// IRP_MJ_INTERNAL_DEVICE_CONTROL requests come from other drivers: their
// buffers are kernel memory and may be used directly.
#include <ntddk.h>

typedef struct _SAMPLE_INTERNAL_QUERY {
    ULONG Id;
    ULONG Result;
} SAMPLE_INTERNAL_QUERY, *PSAMPLE_INTERNAL_QUERY;

DRIVER_DISPATCH SampleInternalControl;

NTSTATUS SampleInternalControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PSAMPLE_INTERNAL_QUERY Query = (PSAMPLE_INTERNAL_QUERY)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    UNREFERENCED_PARAMETER(DeviceObject);
    Query->Result = Query->Id * 2;
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = SampleInternalControl;
    return STATUS_SUCCESS;
}
