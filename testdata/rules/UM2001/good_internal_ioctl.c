/* IRP_MJ_INTERNAL_DEVICE_CONTROL requests come from other drivers: their
 * Type3InputBuffer is kernel memory. */
#include <ntddk.h>

typedef struct _BUS_QUERY {
    ULONG SlotNumber;
    ULONG Function;
} BUS_QUERY, *PBUS_QUERY;

NTSTATUS BusQuerySlot(ULONG SlotNumber, ULONG Function);

DRIVER_DISPATCH BusInternalDeviceControl;
DRIVER_UNLOAD BusUnload;

NTSTATUS BusInternalDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PBUS_QUERY Query = (PBUS_QUERY)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status;

    UNREFERENCED_PARAMETER(DeviceObject);
    Status = BusQuerySlot(Query->SlotNumber, Query->Function);
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

VOID BusUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = BusInternalDeviceControl;
    DriverObject->DriverUnload = BusUnload;
    return STATUS_SUCCESS;
}
