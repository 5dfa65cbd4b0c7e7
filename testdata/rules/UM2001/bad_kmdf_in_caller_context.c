/* KMDF driver: METHOD_NEITHER requests are handled in the caller's context.
 * The callback retrieves the unsafe user buffer, probes it, and captures the
 * fields into the request context with plain loads. */
#include <ntddk.h>
#include <wdf.h>
#include <usermode_accessors.h>

#define IOCTL_GPIO_SET_PINS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_NEITHER, FILE_ANY_ACCESS)

typedef struct _GPIO_SET_PINS {
    ULONG BankIndex;
    ULONG PinMask;
    ULONG PinValues;
} GPIO_SET_PINS, *PGPIO_SET_PINS;

typedef struct _GPIO_REQUEST_CONTEXT {
    ULONG BankIndex;
    ULONG PinMask;
    ULONG PinValues;
} GPIO_REQUEST_CONTEXT, *PGPIO_REQUEST_CONTEXT;

WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(GPIO_REQUEST_CONTEXT, GpioGetRequestContext)

EVT_WDF_IO_IN_CALLER_CONTEXT GpioEvtIoInCallerContext;

VOID GpioEvtIoInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    WDF_REQUEST_PARAMETERS Parameters;
    WDF_OBJECT_ATTRIBUTES Attributes;
    PGPIO_REQUEST_CONTEXT Context;
    PGPIO_SET_PINS Input = NULL;
    size_t InputLength = 0;
    NTSTATUS Status;

    WDF_REQUEST_PARAMETERS_INIT(&Parameters);
    WdfRequestGetParameters(Request, &Parameters);
    if (Parameters.Type != WdfRequestTypeDeviceControl ||
        Parameters.Parameters.DeviceIoControl.IoControlCode != IOCTL_GPIO_SET_PINS) {
        Status = WdfDeviceEnqueueRequest(Device, Request);
        if (!NT_SUCCESS(Status))
            WdfRequestComplete(Request, Status);
        return;
    }
    Status = WdfRequestRetrieveUnsafeUserInputBuffer(Request, sizeof(GPIO_SET_PINS), (PVOID *)&Input, &InputLength);
    if (!NT_SUCCESS(Status)) {
        WdfRequestComplete(Request, Status);
        return;
    }
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&Attributes, GPIO_REQUEST_CONTEXT);
    Status = WdfObjectAllocateContext(Request, &Attributes, (PVOID *)&Context);
    if (!NT_SUCCESS(Status)) {
        WdfRequestComplete(Request, Status);
        return;
    }
    __try {
        ProbeForRead(Input, sizeof(GPIO_SET_PINS), TYPE_ALIGNMENT(GPIO_SET_PINS));
        Context->BankIndex = Input->BankIndex; // expect: UM2001
        Context->PinMask = Input->PinMask;     // expect: UM2001
        Context->PinValues = Input->PinValues; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        WdfRequestComplete(Request, GetExceptionCode());
        return;
    }
    Status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(Status))
        WdfRequestComplete(Request, Status);
}
