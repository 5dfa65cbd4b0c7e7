// A variable-length list (Items[ANYSIZE_ARRAY]): the items live past the
// struct, so a struct-sized kernel copy would not hold them. No fix.
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _SAMPLE_ID_LIST {
    ULONG Count;
    ULONG Ids[ANYSIZE_ARRAY];
} SAMPLE_ID_LIST, *PSAMPLE_ID_LIST;

extern VOID SampleForget(ULONG Id);

NTSTATUS SampleForgetIds(PIO_STACK_LOCATION IrpSp)
{
    PSAMPLE_ID_LIST List = (PSAMPLE_ID_LIST)IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG Index;
    __try {
        if (ReadULongFromUser(&List->Count) > 64)
            return STATUS_INVALID_PARAMETER;
        for (Index = 0; Index < ReadULongFromUser(&List->Count); Index++) // expect: UM1003
            SampleForget(ReadULongFromUser(&List->Ids[Index]));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
