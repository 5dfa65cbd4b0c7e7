/* A pool copy of the caller's settings measured with sizeof(Settings), the
 * pointer: only 8 bytes arrive, the rest of the allocation stays stale. */
#include <ntddk.h>
#include <usermode_accessors.h>

#define SETTINGS_TAG 'tteS'

typedef struct _DEVICE_SETTINGS {
    ULONG Size;
    ULONG Mode;
    ULONG Thresholds[8];
} DEVICE_SETTINGS, *PDEVICE_SETTINGS;

NTSTATUS CaptureSettings(PIRP Irp, PDEVICE_SETTINGS *Result)
{
    PDEVICE_SETTINGS Settings;
    PVOID UserSettings = Irp->UserBuffer;

    Settings = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(DEVICE_SETTINGS), SETTINGS_TAG);
    if (Settings == NULL) {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    __try {
        CopyFromUserAligned(Settings, UserSettings, sizeof(Settings), TYPE_ALIGNMENT(DEVICE_SETTINGS)); // expect: UM2004
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        ExFreePoolWithTag(Settings, SETTINGS_TAG);
        return GetExceptionCode();
    }
    *Result = Settings;
    return STATUS_SUCCESS;
}
