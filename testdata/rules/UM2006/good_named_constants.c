/* Named constants in the right positions: a fill byte and a region size. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define POISON_BYTE 0xAB
#define REGION_SIZE 4096

NTSTATUS PoisonRegion(PVOID UserRegion)
{
    __try {
        FillUserMemory(UserRegion, REGION_SIZE, POISON_BYTE);
        SetUserMemory(UserRegion, POISON_BYTE, REGION_SIZE);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
