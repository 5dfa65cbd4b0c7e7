/* A shared capture helper in a header: the finding is in the header. */
#ifndef BAD_READER_IN_HEADER_H
#define BAD_READER_IN_HEADER_H

#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _PORT_SETTINGS {
    ULONG BaudRate;
    UCHAR Parity;
} PORT_SETTINGS, *PPORT_SETTINGS;

static __inline NTSTATUS CapturePortBaudRate(const PORT_SETTINGS *User, ULONG *BaudRate)
{
    __try {
        ProbeForRead(User, sizeof(PORT_SETTINGS), TYPE_ALIGNMENT(PORT_SETTINGS));
        *BaudRate = User->BaudRate; // expect: UM2001
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
