/* A helper reached from the dispatch routine copies the caller's buffer into
 * a fixed context field using the IOCTL's input length. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _DEVICE_CONTEXT {
    ULONG KeyLength;
    UCHAR Key[64];
} DEVICE_CONTEXT, *PDEVICE_CONTEXT;

static NTSTATUS KeyStore(PDEVICE_CONTEXT Context, PVOID UserKey, ULONG Length)
{
    __try {
        CopyFromUser(Context->Key, UserKey, Length); // expect: UM1005
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    Context->KeyLength = Length;
    return STATUS_SUCCESS;
}

NTSTATUS KeyDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    PDEVICE_CONTEXT Context = (PDEVICE_CONTEXT)DeviceObject->DeviceExtension;
    NTSTATUS Status;

    Status = KeyStore(Context, IrpSp->Parameters.DeviceIoControl.Type3InputBuffer,
                      IrpSp->Parameters.DeviceIoControl.InputBufferLength);
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
