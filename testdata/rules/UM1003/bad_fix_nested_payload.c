// The request carries a length and a pointer to the payload. The length is
// checked in one read and used as the copy length in another; the payload
// pointer is itself a user pointer and stays one in the capture.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_UPLOAD {
    ULONG Length;
    ULONG Flags;
    PVOID Payload;
} SAMPLE_UPLOAD, *PSAMPLE_UPLOAD;

typedef struct _SAMPLE_DEVICE {
    UCHAR Buffer[256];
} SAMPLE_DEVICE, *PSAMPLE_DEVICE;

NTSTATUS SampleUpload(PSAMPLE_DEVICE Device, PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_UPLOAD Upload = (PSAMPLE_UPLOAD)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS Status = STATUS_SUCCESS;

    __try {
        if (ReadULongFromUser(&Upload->Length) > sizeof(Device->Buffer)) {
            Status = STATUS_INVALID_PARAMETER;
            __leave;
        }
        CopyFromUser(Device->Buffer, ReadPointerFromUser(&Upload->Payload),
                     ReadULongFromUser(&Upload->Length)); // expect: UM1003
        Irp->IoStatus.Information = ReadULongFromUser(&Upload->Length); // expect: UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        Status = GetExceptionCode();
    }
    return Status;
}
