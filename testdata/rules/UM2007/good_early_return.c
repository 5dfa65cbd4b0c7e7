/* Kernel callers are turned away first, so the rest serves user callers. */
#include <ntddk.h>
#include <usermode_accessors.h>

typedef struct _QUOTA_SETTINGS {
    ULONG64 Limit;
    ULONG Flags;
} QUOTA_SETTINGS, *PQUOTA_SETTINGS;

NTSTATUS ApplyQuota(const QUOTA_SETTINGS *Settings);

__kernel_entry NTSTATUS NtSetDeviceQuota(_In_ PQUOTA_SETTINGS QuotaSettings)
{
    QUOTA_SETTINGS Local;

    if (ExGetPreviousMode() == KernelMode) {
        return STATUS_ACCESS_DENIED;
    }
    __try {
        ReadStructFromUserAligned(&Local, QuotaSettings, TYPE_ALIGNMENT(QUOTA_SETTINGS));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return ApplyQuota(&Local);
}
