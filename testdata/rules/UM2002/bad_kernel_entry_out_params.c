/* A syscall-style open routine returns a handle and a disposition through
 * user pointers, probed first with the `try`/`except` spellings. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS WidgetCreateHandle(ULONG Flags, PHANDLE Handle, PULONG Disposition);

__kernel_entry NTSTATUS NtOpenWidget(PHANDLE WidgetHandle, PULONG Disposition, ULONG Flags)
{
    HANDLE Handle;
    ULONG Created;
    NTSTATUS Status;

    Status = WidgetCreateHandle(Flags, &Handle, &Created);
    if (!NT_SUCCESS(Status))
        return Status;
    try {
        ProbeForWrite(WidgetHandle, sizeof(HANDLE), TYPE_ALIGNMENT(HANDLE));
        ProbeForWrite(Disposition, sizeof(ULONG), TYPE_ALIGNMENT(ULONG));
        *WidgetHandle = Handle;   // expect: UM2002
        *Disposition = Created;   // expect: UM2002
    } except (EXCEPTION_EXECUTE_HANDLER) {
        ZwClose(Handle);
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
