/* A header helper copies an array of typed entries with no alignment check;
 * the finding belongs to the header and is reported once. */
#ifndef ENTRY_HELPERS_H
#define ENTRY_HELPERS_H

#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _ROUTE_ENTRY {
    ULONG64 Destination;
    ULONG64 Gateway;
} ROUTE_ENTRY, *PROUTE_ENTRY;

FORCEINLINE NTSTATUS CaptureRoutes(PROUTE_ENTRY Routes, const ROUTE_ENTRY *UserRoutes, ULONG Count)
{
    if (Count > 32) {
        return STATUS_INVALID_PARAMETER;
    }
    __try {
        CopyFromUser(Routes, UserRoutes, Count * sizeof(ROUTE_ENTRY)); // expect: UM1004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
