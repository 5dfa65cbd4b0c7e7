// C++: plain reads after the probe; the size is checked in one read and
// used in another (and each plain read is a direct read too).
#include <ntddk.h>

struct BLOB_REQUEST {
    ULONG Size;
    UCHAR Bytes[512];
};

extern "C" NTSTATUS BlobHandleStore(PIO_STACK_LOCATION IrpSp, UCHAR *Store)
{
    auto *Request = static_cast<BLOB_REQUEST *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    __try {
        ProbeForRead(Request, sizeof(BLOB_REQUEST), TYPE_ALIGNMENT(BLOB_REQUEST));
        if (Request->Size > 64) // expect: UM2001
            return STATUS_INVALID_PARAMETER;
        Store[Request->Size] = 0; // expect: UM1003, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
