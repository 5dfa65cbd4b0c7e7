// C++: the result is written back with an accessor, outside any handler.
#include <ntddk.h>
#include <usermode_accessors.h>

struct BATTERY_STATUS {
    ULONG Capacity;
    ULONG Rate;
};

extern "C" ULONG QueryCapacity();

extern "C" NTSTATUS BatteryHandleQuery(PIRP Irp)
{
    BATTERY_STATUS *Status = static_cast<BATTERY_STATUS *>(Irp->UserBuffer);
    WriteULongToUser(&Status->Capacity, QueryCapacity()); // expect: UM1002
    return STATUS_SUCCESS;
}
