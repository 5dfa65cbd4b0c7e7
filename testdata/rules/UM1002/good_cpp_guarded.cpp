// C++ with the accessors inside __try.
#include <ntddk.h>
#include <usermode_accessors.h>

struct THERMAL_LIMIT {
    ULONG Zone;
    ULONG Celsius;
};

extern "C" NTSTATUS SetLimit(ULONG Zone, ULONG Celsius);

extern "C" NTSTATUS ThermalHandleLimit(PIO_STACK_LOCATION IrpSp)
{
    auto *Limit = static_cast<THERMAL_LIMIT *>(IrpSp->Parameters.DeviceIoControl.Type3InputBuffer);
    ULONG Zone, Celsius;
    __try {
        Zone = ReadULongFromUser(&Limit->Zone);
        Celsius = ReadULongFromUser(&Limit->Celsius);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return SetLimit(Zone, Celsius);
}
