/* METHOD_BUFFERED: the system buffer is a kernel copy and nothing is
 * probed, so these RtlCopyMemory calls are not user copies. */
#include <ntddk.h>

typedef struct _CONFIG_BLOCK {
    ULONG Flags;
    ULONG Level;
} CONFIG_BLOCK;

typedef struct _DEVICE_CONTEXT {
    CONFIG_BLOCK Config;
    PVOID Scratch;
} DEVICE_CONTEXT, *PDEVICE_CONTEXT;

NTSTATUS BufferedSetConfig(PDEVICE_CONTEXT Context, PIRP Irp, ULONG InputLength)
{
    PVOID SystemBuffer = Irp->AssociatedIrp.SystemBuffer;

    if (InputLength < sizeof(CONFIG_BLOCK)) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    RtlCopyMemory(&Context->Config, SystemBuffer, sizeof(CONFIG_BLOCK));
    RtlCopyMemory(&Context->Scratch, &SystemBuffer, sizeof(PVOID));
    return STATUS_SUCCESS;
}
