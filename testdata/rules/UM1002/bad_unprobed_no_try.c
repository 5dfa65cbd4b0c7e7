// A __kernel_entry routine dereferences its user parameter directly: no
// probe (UM1001) and no __try (UM1002).
#include <ntddk.h>

__kernel_entry NTSTATUS NtSampleGetVersion(PULONG Version)
{
    *Version = 0x00010002; // expect: UM1001, UM1002
    return STATUS_SUCCESS;
}
