// The count is validated once, then re-read as the loop bound: the loop
// can run past the 16 entries of Local.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_TABLE {
    ULONG Count;
    ULONG Entries[16];
} SAMPLE_TABLE, *PSAMPLE_TABLE;

NTSTATUS SampleLoadTable(PIO_STACK_LOCATION IrpSp, ULONG *Local)
{
    PSAMPLE_TABLE Table = (PSAMPLE_TABLE)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Index;
    __try {
        if (ReadULongFromUser(&Table->Count) > 16)
            return STATUS_INVALID_PARAMETER;
        for (Index = 0; Index < ReadULongFromUser(&Table->Count); Index++) // expect: UM1003
            Local[Index] = ReadULongFromUser(&Table->Entries[Index]);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
