/*
 * wdmsec.h - umalint WDK shim: secure device object creation.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text).
 */
#ifndef _WDMSEC_H_
#define _WDMSEC_H_

#include <wdm.h>

/* Common SDDL strings for device objects. */
#define SDDL_DEVOBJ_KERNEL_ONLY L"D:P"
#define SDDL_DEVOBJ_SYS_ALL L"D:P(A;;GA;;;SY)"
#define SDDL_DEVOBJ_SYS_ALL_ADM_ALL L"D:P(A;;GA;;;SY)(A;;GA;;;BA)"
#define SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)"
#define SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGW;;;WD)(A;;GR;;;RC)"

NTKERNELAPI NTSTATUS NTAPI IoCreateDeviceSecure(_In_ PDRIVER_OBJECT DriverObject, _In_ ULONG DeviceExtensionSize,
                                                _In_opt_ PUNICODE_STRING DeviceName, _In_ DEVICE_TYPE DeviceType,
                                                _In_ ULONG DeviceCharacteristics, _In_ BOOLEAN Exclusive,
                                                _In_ PCUNICODE_STRING DefaultSDDLString,
                                                _In_opt_ LPCGUID DeviceClassGuid,
                                                _Out_ PDEVICE_OBJECT *DeviceObject);

#endif
