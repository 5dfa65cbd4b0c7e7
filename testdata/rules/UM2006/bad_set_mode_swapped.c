/* SetModeMemory with the length where the fill goes. */
#include <ntddk.h>
#include <usermode_accessors.h>

NTSTATUS PadName(PIRP Irp, PWCHAR Name, SIZE_T NameBytes)
{
    KPROCESSOR_MODE Mode = Irp->RequestorMode;
    __try {
        SetModeMemory(Name, NameBytes, ' ', Mode); // expect: UM2006
    } __except (UmaExceptionFilter(Mode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}
