/* The probe length multiplies a count read straight out of the user's
 * structure: the helper's parameter is a user pointer, so nobody checked it. */
#include <ntddk.h>

typedef struct _ID_LIST {
    SIZE_T Count;
    ULONG Ids[1];
} ID_LIST, *PID_LIST;

NTSTATUS ProbeIdList(PID_LIST UserList)
{
    __try {
        ProbeForRead(UserList, sizeof(ID_LIST), TYPE_ALIGNMENT(ID_LIST));
        ProbeForRead(UserList->Ids, UserList->Count * sizeof(ULONG), sizeof(ULONG)); // expect: UM1006, UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
