/* A name is captured into a pool buffer measured with sizeof of the pointer:
 * 8 bytes arrive whatever NameLength says. No fix: the buffer's length is meant. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define NAME_TAG 'emaN'

NTSTATUS CaptureName(PIRP Irp, ULONG NameLength, PUCHAR *Result)
{
    PUCHAR Name;

    if (NameLength == 0 || NameLength > 256) {
        return STATUS_INVALID_PARAMETER;
    }
    Name = ExAllocatePool2(POOL_FLAG_PAGED, NameLength, NAME_TAG);
    if (Name == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        CopyFromUser(Name, Irp->UserBuffer, sizeof(Name)); // expect: UM2004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ExFreePoolWithTag(Name, NAME_TAG);
        return GetExceptionCode();
    }
    *Result = Name;
    return STATUS_SUCCESS;
}
