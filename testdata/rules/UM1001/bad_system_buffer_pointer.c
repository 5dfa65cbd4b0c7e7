// METHOD_BUFFERED: the system buffer is a kernel copy, but the pointer the
// caller stored in it still points into user space.
#include <ntddk.h>

typedef struct _SAMPLE_READ_REQUEST {
    ULONG Offset;
    ULONG Length;
    PVOID Destination;
} SAMPLE_READ_REQUEST, *PSAMPLE_READ_REQUEST;

extern UCHAR g_Table[64];

NTSTATUS SampleBufferedRead(PIRP Irp)
{
    PSAMPLE_READ_REQUEST Request = (PSAMPLE_READ_REQUEST)Irp->AssociatedIrp.SystemBuffer;
    if (Request->Offset >= sizeof(g_Table) || Request->Length > sizeof(g_Table) - Request->Offset)
        return STATUS_INVALID_PARAMETER;
    __try {
        RtlZeroMemory(Request->Destination, 16); // expect: UM1001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
