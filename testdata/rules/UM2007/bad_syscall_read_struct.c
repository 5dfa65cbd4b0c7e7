/* A system service that grants extra rights to kernel callers but captures
 * its argument with ReadStructFromUserAligned. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define QUOTA_FLAG_INTERNAL 0x1

typedef struct _QUOTA_SETTINGS {
    ULONG64 Limit;
    ULONG Flags;
} QUOTA_SETTINGS, *PQUOTA_SETTINGS;

NTSTATUS ApplyQuota(const QUOTA_SETTINGS *Settings, ULONG Flags);

__kernel_entry NTSTATUS NtSetDeviceQuota(_In_ PQUOTA_SETTINGS QuotaSettings)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();
    QUOTA_SETTINGS Local;
    ULONG Flags = 0;

    if (PreviousMode == KernelMode) {
        Flags |= QUOTA_FLAG_INTERNAL;
    }
    __try {
        ReadStructFromUserAligned(&Local, QuotaSettings, TYPE_ALIGNMENT(QUOTA_SETTINGS)); // expect: UM2007
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return ApplyQuota(&Local, Flags);
}
