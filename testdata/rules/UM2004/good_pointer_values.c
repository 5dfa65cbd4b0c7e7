/* Copying pointer values themselves: a destination &Pointer with
 * sizeof(Pointer) or a 32-bit handle value, and an array of pointers
 * measured with sizeof(PVOID). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BUFFER_LIST {
    ULONG Count;
    PVOID Buffers[4];
    HANDLE Event;
    ULONG Handle32;     /* WOW64 callers pass 32-bit handle values */
} BUFFER_LIST, *PBUFFER_LIST;

NTSTATUS CaptureBufferList(PBUFFER_LIST UserList, PVOID *Slots, HANDLE *Event)
{
    PVOID FirstBuffer;
    HANDLE Handle32 = NULL;

    __try {
        CopyFromUser(&FirstBuffer, &UserList->Buffers[0], sizeof(FirstBuffer));
        CopyFromUser(Slots, UserList->Buffers, 4 * sizeof(PVOID));
        CopyFromUser(Event, &UserList->Event, sizeof(HANDLE));
        CopyFromUser(&Handle32, &UserList->Handle32, sizeof(ULONG));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return FirstBuffer != NULL && Handle32 != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
