/* Variables whose names and types say nothing about their role: silent. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS FillRegion(PVOID Region, SIZE_T n, ULONG v)
{
    __try {
        FillUserMemory(Region, n, (UCHAR)v);
        SetUserMemory(Region, (UCHAR)v, n);
        ZeroUserMemory(Region, n);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
