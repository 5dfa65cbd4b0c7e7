/* A header helper with the memset-order mistake, reported once in the header. */
#ifndef CLEAR_HELPERS_H
#define CLEAR_HELPERS_H

#include <ntddk.h>
#include <usermode_accessors.h>

FORCEINLINE NTSTATUS ClearUserRegion(PVOID Region, SIZE_T RegionSize)
{
    __try {
        FillUserMemory(Region, '\0', RegionSize); // expect: UM2006
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

#endif
