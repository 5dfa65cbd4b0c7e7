/* KMDF driver answering a METHOD_NEITHER query in the caller's context with
 * the write accessors. */
#include <ntddk.h>
#include <wdf.h>
#include <usermode_accessors.h>

#define IOCTL_GPIO_GET_PINS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _GPIO_PIN_STATE {
    ULONG BankIndex;
    ULONG PinValues;
    LARGE_INTEGER Timestamp;
} GPIO_PIN_STATE, *PGPIO_PIN_STATE;

ULONG GpioReadBank(WDFDEVICE Device, ULONG BankIndex);

EVT_WDF_IO_IN_CALLER_CONTEXT GpioEvtIoInCallerContext;

VOID GpioEvtIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS Parameters;
    PGPIO_PIN_STATE Output = NULL;
    size_t OutputLength = 0;
    LARGE_INTEGER Now;
    NTSTATUS Status;

    WDF_REQUEST_PARAMETERS_INIT(&Parameters);
    WdfRequestGetParameters(Request, &Parameters);
    if (Parameters.Type != WdfRequestTypeDeviceControl ||
        Parameters.Parameters.DeviceIoControl.IoControlCode != IOCTL_GPIO_GET_PINS) {
        Status = WdfDeviceEnqueueRequest(Device, Request);
        if (!NT_SUCCESS(Status))
            WdfRequestComplete(Request, Status);
        return;
    }
    Status = WdfRequestRetrieveUnsafeUserOutputBuffer(Request, sizeof(GPIO_PIN_STATE), (PVOID *)&Output,
                                                      &OutputLength);
    if (!NT_SUCCESS(Status)) {
        WdfRequestComplete(Request, Status);
        return;
    }
    KeQuerySystemTimePrecise(&Now);
    __try {
        WriteULongToUser(&Output->BankIndex, 0);
        WriteULongToUser(&Output->PinValues, GpioReadBank(Device, 0));
        WriteLargeIntegerToUser(&Output->Timestamp, Now);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        WdfRequestComplete(Request, GetExceptionCode());
        return;
    }
    WdfRequestCompleteWithInformation(Request, STATUS_SUCCESS, sizeof(GPIO_PIN_STATE));
}
