/* This control code serves kernel-mode callers only: their buffers are
 * kernel memory, so direct reads are fine. User callers are rejected first. */
#include <ntddk.h>

typedef struct _CACHE_HINT {
    ULONG64 Offset;
    ULONG Length;
} CACHE_HINT, *PCACHE_HINT;

NTSTATUS CachePrefetch(ULONG64 Offset, ULONG Length);

NTSTATUS CacheHandlePrefetch(PIRP Irp, PIO_STACK_LOCATION IrpSp)
{
    PCACHE_HINT Hint = (PCACHE_HINT)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;

    if (Irp->RequestorMode != KernelMode)
        return STATUS_ACCESS_DENIED;
    if (IrpSp->Parameters.DeviceIoControl.InputBufferLength < sizeof(CACHE_HINT))
        return STATUS_BUFFER_TOO_SMALL;
    return CachePrefetch(Hint->Offset, Hint->Length);
}
