/* A capture helper in a shared header: the probe it keeps is redundant. */
#ifndef BAD_PROBE_IN_HEADER_H
#define BAD_PROBE_IN_HEADER_H

#include <ntddk.h>
#include <usermode_accessors.h>

static __inline NTSTATUS CaptureUserCookie(const ULONG64 *UserCookie, ULONG64 *Cookie)
{
    __try {
        ProbeForRead(UserCookie, sizeof(ULONG64), 1); // expect: UM2005
        *Cookie = ReadULong64FromUser(UserCookie);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
