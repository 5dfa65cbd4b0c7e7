/* Copying pointer values themselves: a destination &Pointer with
 * sizeof(Pointer), and an array of pointers measured with sizeof(PVOID). */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _BUFFER_LIST {
    ULONG Count;
    PVOID Buffers[4];
    HANDLE Event;
} BUFFER_LIST, *PBUFFER_LIST;

NTSTATUS CaptureBufferList(PBUFFER_LIST UserList, PVOID *Slots, HANDLE *Event)
{
    PVOID FirstBuffer;

    __try {
        CopyFromUser(&FirstBuffer, &UserList->Buffers[0], sizeof(FirstBuffer));
        CopyFromUser(Slots, UserList->Buffers, 4 * sizeof(PVOID));
        CopyFromUser(Event, &UserList->Event, sizeof(HANDLE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return FirstBuffer != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
