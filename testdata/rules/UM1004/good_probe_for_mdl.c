/* A direct-I/O style handler probes the range before building an MDL for
 * it: the alignment arguments are all valid and nothing is read in place. */
#include <ntddk.h>

NTSTATUS LockUserRange(PVOID Buffer, ULONG Length, PMDL *Result)
{
    PMDL Mdl;

    *Result = NULL;
    Mdl = IoAllocateMdl(Buffer, Length, FALSE, FALSE, NULL);
    if (Mdl == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        ProbeForRead(Buffer, Length, TYPE_ALIGNMENT(ULONG));
        ProbeForRead(Buffer, Length, sizeof(ULONG));
        ProbeForRead(Buffer, Length, __alignof(ULONG64));
        ProbeForRead(Buffer, Length, 16);
        MmProbeAndLockPages(Mdl, UserMode, IoReadAccess);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        IoFreeMdl(Mdl);
        return GetExceptionCode();
    }
    *Result = Mdl;
    return STATUS_SUCCESS;
}
