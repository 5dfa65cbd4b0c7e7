/*
 * wdf.h - umalint WDK shim: Kernel-Mode Driver Framework (KMDF) interface.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text).
 *
 * Routines are declared as plain functions (real KMDF dispatches through a
 * function table; umalint does not need that). WDFOBJECT is a plain HANDLE
 * so that every specific handle (WDFDEVICE, WDFREQUEST, ...) converts to it
 * implicitly, as drivers expect; the specific handles are distinct types.
 */
#ifndef _WDF_H_
#define _WDF_H_
#ifndef UMASHIM_WDF_H
#define UMASHIM_WDF_H

#include <ntddk.h>

EXTERN_C_START

#ifdef __cplusplus
#define WDF_EXTERN_C extern "C"
#else
#define WDF_EXTERN_C
#endif
#define WDFAPI
#define KMDF_VERSION_MAJOR 1
#define KMDF_VERSION_MINOR 33

/* ---- handles ----------------------------------------------------------------- */
typedef HANDLE WDFOBJECT, *PWDFOBJECT;
DECLARE_HANDLE(WDFDRIVER);
DECLARE_HANDLE(WDFDEVICE);
DECLARE_HANDLE(WDFQUEUE);
DECLARE_HANDLE(WDFREQUEST);
DECLARE_HANDLE(WDFMEMORY);
DECLARE_HANDLE(WDFFILEOBJECT);
DECLARE_HANDLE(WDFKEY);
DECLARE_HANDLE(WDFSTRING);
DECLARE_HANDLE(WDFCOLLECTION);
DECLARE_HANDLE(WDFSPINLOCK);
DECLARE_HANDLE(WDFWAITLOCK);
DECLARE_HANDLE(WDFTIMER);
DECLARE_HANDLE(WDFWORKITEM);
DECLARE_HANDLE(WDFDPC);
DECLARE_HANDLE(WDFINTERRUPT);
DECLARE_HANDLE(WDFIOTARGET);
DECLARE_HANDLE(WDFCMRESLIST);
DECLARE_HANDLE(WDFDMAENABLER);
DECLARE_HANDLE(WDFCOMMONBUFFER);
typedef struct WDFDEVICE_INIT *PWDFDEVICE_INIT;

#define WDF_NO_OBJECT_ATTRIBUTES NULL
#define WDF_NO_HANDLE NULL
#define WDF_NO_CONTEXT NULL
#define WDF_NO_SEND_OPTIONS NULL
#define WDF_NO_EVENT_CALLBACK NULL

/* ---- enums ------------------------------------------------------------------ */
typedef enum _WDF_TRI_STATE {
    WdfFalse = FALSE,
    WdfTrue = TRUE,
    WdfUseDefault = 2
} WDF_TRI_STATE, *PWDF_TRI_STATE;

typedef enum _WDF_EXECUTION_LEVEL {
    WdfExecutionLevelInvalid = 0x00,
    WdfExecutionLevelInheritFromParent,
    WdfExecutionLevelPassive,
    WdfExecutionLevelDispatch
} WDF_EXECUTION_LEVEL;

typedef enum _WDF_SYNCHRONIZATION_SCOPE {
    WdfSynchronizationScopeInvalid = 0x00,
    WdfSynchronizationScopeInheritFromParent,
    WdfSynchronizationScopeDevice,
    WdfSynchronizationScopeQueue,
    WdfSynchronizationScopeNone
} WDF_SYNCHRONIZATION_SCOPE;

typedef enum _WDF_IO_QUEUE_DISPATCH_TYPE {
    WdfIoQueueDispatchInvalid = 0,
    WdfIoQueueDispatchSequential,
    WdfIoQueueDispatchParallel,
    WdfIoQueueDispatchManual,
    WdfIoQueueDispatchMax
} WDF_IO_QUEUE_DISPATCH_TYPE;

typedef enum _WDF_DEVICE_IO_TYPE {
    WdfDeviceIoUndefined = 0,
    WdfDeviceIoNeither,
    WdfDeviceIoBuffered,
    WdfDeviceIoDirect,
    WdfDeviceIoBufferedOrDirect = 4,
    WdfDeviceIoMaximum
} WDF_DEVICE_IO_TYPE, *PWDF_DEVICE_IO_TYPE;

typedef enum _WDF_REQUEST_TYPE {
    WdfRequestTypeCreate = IRP_MJ_CREATE,
    WdfRequestTypeCreateNamedPipe = IRP_MJ_CREATE_NAMED_PIPE,
    WdfRequestTypeClose = IRP_MJ_CLOSE,
    WdfRequestTypeRead = IRP_MJ_READ,
    WdfRequestTypeWrite = IRP_MJ_WRITE,
    WdfRequestTypeQueryInformation = IRP_MJ_QUERY_INFORMATION,
    WdfRequestTypeSetInformation = IRP_MJ_SET_INFORMATION,
    WdfRequestTypeQueryEA = IRP_MJ_QUERY_EA,
    WdfRequestTypeSetEA = IRP_MJ_SET_EA,
    WdfRequestTypeFlushBuffers = IRP_MJ_FLUSH_BUFFERS,
    WdfRequestTypeQueryVolumeInformation = IRP_MJ_QUERY_VOLUME_INFORMATION,
    WdfRequestTypeSetVolumeInformation = IRP_MJ_SET_VOLUME_INFORMATION,
    WdfRequestTypeDirectoryControl = IRP_MJ_DIRECTORY_CONTROL,
    WdfRequestTypeFileSystemControl = IRP_MJ_FILE_SYSTEM_CONTROL,
    WdfRequestTypeDeviceControl = IRP_MJ_DEVICE_CONTROL,
    WdfRequestTypeDeviceControlInternal = IRP_MJ_INTERNAL_DEVICE_CONTROL,
    WdfRequestTypeShutdown = IRP_MJ_SHUTDOWN,
    WdfRequestTypeLockControl = IRP_MJ_LOCK_CONTROL,
    WdfRequestTypeCleanup = IRP_MJ_CLEANUP,
    WdfRequestTypeCreateMailSlot = IRP_MJ_CREATE_MAILSLOT,
    WdfRequestTypeQuerySecurity = IRP_MJ_QUERY_SECURITY,
    WdfRequestTypeSetSecurity = IRP_MJ_SET_SECURITY,
    WdfRequestTypePower = IRP_MJ_POWER,
    WdfRequestTypeSystemControl = IRP_MJ_SYSTEM_CONTROL,
    WdfRequestTypeDeviceChange = IRP_MJ_DEVICE_CHANGE,
    WdfRequestTypeQueryQuota = IRP_MJ_QUERY_QUOTA,
    WdfRequestTypeSetQuota = IRP_MJ_SET_QUOTA,
    WdfRequestTypePnp = IRP_MJ_PNP,
    WdfRequestTypeOther,
    WdfRequestTypeUsb,
    WdfRequestTypeNoFormat = 0xFF,
    WdfRequestTypeMax
} WDF_REQUEST_TYPE;

typedef enum _WDF_DRIVER_INIT_FLAGS {
    WdfDriverInitNonPnpDriver = 0x00000001,
    WdfDriverInitNoDispatchOverride = 0x00000002,
    WdfVerifyOn = 0x00000004,
    WdfVerifierOn = 0x00000008,
    WdfDriverInitCompanion = 0x00000010
} WDF_DRIVER_INIT_FLAGS;

typedef enum _WDF_FILEOBJECT_CLASS {
    WdfFileObjectInvalid = 0,
    WdfFileObjectNotRequired = 1,
    WdfFileObjectWdfCanUseFsContext = 2,
    WdfFileObjectWdfCanUseFsContext2 = 3,
    WdfFileObjectWdfCannotUseFsContexts = 4,
    WdfFileObjectCanBeOptional = 0x80000000
} WDF_FILEOBJECT_CLASS, *PWDF_FILEOBJECT_CLASS;

/* ---- event callback types ----------------------------------------------------- */
typedef _Function_class_(EVT_WDF_OBJECT_CONTEXT_CLEANUP) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_OBJECT_CONTEXT_CLEANUP(_In_ WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP *PFN_WDF_OBJECT_CONTEXT_CLEANUP;

typedef _Function_class_(EVT_WDF_OBJECT_CONTEXT_DESTROY) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_OBJECT_CONTEXT_DESTROY(_In_ WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY *PFN_WDF_OBJECT_CONTEXT_DESTROY;

typedef _Function_class_(EVT_WDF_DRIVER_DEVICE_ADD) _IRQL_requires_same_ _IRQL_requires_max_(PASSIVE_LEVEL)
NTSTATUS EVT_WDF_DRIVER_DEVICE_ADD(_In_ WDFDRIVER Driver, _Inout_ PWDFDEVICE_INIT DeviceInit);
typedef EVT_WDF_DRIVER_DEVICE_ADD *PFN_WDF_DRIVER_DEVICE_ADD;

typedef _Function_class_(EVT_WDF_DRIVER_UNLOAD) _IRQL_requires_same_ _IRQL_requires_max_(PASSIVE_LEVEL)
VOID EVT_WDF_DRIVER_UNLOAD(_In_ WDFDRIVER Driver);
typedef EVT_WDF_DRIVER_UNLOAD *PFN_WDF_DRIVER_UNLOAD;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_DEFAULT) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_DEFAULT(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_DEFAULT *PFN_WDF_IO_QUEUE_IO_DEFAULT;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_READ) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_READ(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request, _In_ size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_READ *PFN_WDF_IO_QUEUE_IO_READ;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_WRITE) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_WRITE(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request, _In_ size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_WRITE *PFN_WDF_IO_QUEUE_IO_WRITE;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                        _In_ size_t OutputBufferLength, _In_ size_t InputBufferLength,
                                        _In_ ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL) _IRQL_requires_same_
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request,
                                                 _In_ size_t OutputBufferLength, _In_ size_t InputBufferLength,
                                                 _In_ ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_STOP) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_STOP(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request, _In_ ULONG ActionFlags);
typedef EVT_WDF_IO_QUEUE_IO_STOP *PFN_WDF_IO_QUEUE_IO_STOP;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_RESUME) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_RESUME(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_RESUME *PFN_WDF_IO_QUEUE_IO_RESUME;

typedef _Function_class_(EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE) _IRQL_requires_same_
_IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE(_In_ WDFQUEUE Queue, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE *PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE;

typedef _Function_class_(EVT_WDF_IO_IN_CALLER_CONTEXT) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_IO_IN_CALLER_CONTEXT(_In_ WDFDEVICE Device, _In_ WDFREQUEST Request);
typedef EVT_WDF_IO_IN_CALLER_CONTEXT *PFN_WDF_IO_IN_CALLER_CONTEXT;

typedef _Function_class_(EVT_WDF_REQUEST_CANCEL) _IRQL_requires_same_ _IRQL_requires_max_(DISPATCH_LEVEL)
VOID EVT_WDF_REQUEST_CANCEL(_In_ WDFREQUEST Request);
typedef EVT_WDF_REQUEST_CANCEL *PFN_WDF_REQUEST_CANCEL;

typedef _Function_class_(EVT_WDF_DEVICE_FILE_CREATE) _IRQL_requires_same_ _IRQL_requires_max_(PASSIVE_LEVEL)
VOID EVT_WDF_DEVICE_FILE_CREATE(_In_ WDFDEVICE Device, _In_ WDFREQUEST Request, _In_ WDFFILEOBJECT FileObject);
typedef EVT_WDF_DEVICE_FILE_CREATE *PFN_WDF_DEVICE_FILE_CREATE;

typedef _Function_class_(EVT_WDF_FILE_CLOSE) _IRQL_requires_same_ _IRQL_requires_max_(PASSIVE_LEVEL)
VOID EVT_WDF_FILE_CLOSE(_In_ WDFFILEOBJECT FileObject);
typedef EVT_WDF_FILE_CLOSE *PFN_WDF_FILE_CLOSE;

typedef _Function_class_(EVT_WDF_FILE_CLEANUP) _IRQL_requires_same_ _IRQL_requires_max_(PASSIVE_LEVEL)
VOID EVT_WDF_FILE_CLEANUP(_In_ WDFFILEOBJECT FileObject);
typedef EVT_WDF_FILE_CLEANUP *PFN_WDF_FILE_CLEANUP;

/* ---- object attributes and typed contexts ---------------------------------- */
typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO WDF_OBJECT_CONTEXT_TYPE_INFO, *PWDF_OBJECT_CONTEXT_TYPE_INFO;
typedef const WDF_OBJECT_CONTEXT_TYPE_INFO *PCWDF_OBJECT_CONTEXT_TYPE_INFO;
typedef PCWDF_OBJECT_CONTEXT_TYPE_INFO (__cdecl *PFN_GET_UNIQUE_CONTEXT_TYPE)(VOID);

struct _WDF_OBJECT_CONTEXT_TYPE_INFO {
    ULONG Size;
    PCHAR ContextName;
    size_t ContextSize;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO UniqueType;
    PFN_GET_UNIQUE_CONTEXT_TYPE EvtDriverGetUniqueContextType;
};

typedef struct _WDF_OBJECT_ATTRIBUTES {
    ULONG Size;
    PFN_WDF_OBJECT_CONTEXT_CLEANUP EvtCleanupCallback;
    PFN_WDF_OBJECT_CONTEXT_DESTROY EvtDestroyCallback;
    WDF_EXECUTION_LEVEL ExecutionLevel;
    WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
    WDFOBJECT ParentObject;
    size_t ContextSizeOverride;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO ContextTypeInfo;
} WDF_OBJECT_ATTRIBUTES, *PWDF_OBJECT_ATTRIBUTES;

FORCEINLINE VOID WDF_OBJECT_ATTRIBUTES_INIT(_Out_ PWDF_OBJECT_ATTRIBUTES Attributes)
{
    RtlZeroMemory(Attributes, sizeof(WDF_OBJECT_ATTRIBUTES));
    Attributes->Size = sizeof(WDF_OBJECT_ATTRIBUTES);
    Attributes->ExecutionLevel = WdfExecutionLevelInheritFromParent;
    Attributes->SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
}

#define WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) _WDF_##_contexttype##_TYPE_INFO
#define WDF_TYPE_NAME_POINTER_TYPE(_contexttype) WDF_##_contexttype##_TYPE_INFO_POINTER_TYPE
#define WDF_GET_CONTEXT_TYPE_INFO(_contexttype) (&WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype))

#define WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype) \
    (_attributes)->ContextTypeInfo = WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType
#define WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(_attributes, _contexttype) \
    WDF_OBJECT_ATTRIBUTES_INIT(_attributes); \
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype)

WDFAPI PVOID WdfObjectGetTypedContextWorker(_In_ WDFOBJECT Handle,
                                            _In_ PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo);
WDFAPI NTSTATUS WdfObjectAllocateContext(_In_ WDFOBJECT Handle, _In_ PWDF_OBJECT_ATTRIBUTES ContextAttributes,
                                         _Outptr_opt_ PVOID *Context);
#define WdfObjectGetTypedContext(handle, type) \
    ((type *)WdfObjectGetTypedContextWorker((WDFOBJECT)(handle), WDF_GET_CONTEXT_TYPE_INFO(type)->UniqueType))

/* Declares the context type's descriptor and an accessor function
 * _castingfunction(WDFOBJECT) returning a _contexttype pointer. */
#define WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, _castingfunction)                     \
    typedef _contexttype *WDF_TYPE_NAME_POINTER_TYPE(_contexttype);                             \
    WDF_EXTERN_C DECLSPEC_SELECTANY const WDF_OBJECT_CONTEXT_TYPE_INFO                          \
        WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) = {                                            \
            sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), (PCHAR) #_contexttype, sizeof(_contexttype),  \
            &WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype), NULL};                                   \
    UMASHIM_MAYBE_UNUSED FORCEINLINE _contexttype *_castingfunction(_In_ WDFOBJECT Handle)      \
    {                                                                                           \
        return (_contexttype *)WdfObjectGetTypedContextWorker(                                  \
            Handle, WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType);                       \
    }
#define WDF_DECLARE_CONTEXT_TYPE(_contexttype) \
    WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, WdfObjectGet_##_contexttype)

WDFAPI VOID WdfObjectDelete(_In_ WDFOBJECT Object);
WDFAPI VOID WdfObjectReferenceActual(_In_ WDFOBJECT Handle, _In_opt_ PVOID Tag, _In_ LONG Line, _In_z_ PCHAR File);
WDFAPI VOID WdfObjectDereferenceActual(_In_ WDFOBJECT Handle, _In_opt_ PVOID Tag, _In_ LONG Line,
                                       _In_z_ PCHAR File);
#define WdfObjectReference(Handle) WdfObjectReferenceActual(Handle, NULL, __LINE__, (PCHAR)__FILE__)
#define WdfObjectDereference(Handle) WdfObjectDereferenceActual(Handle, NULL, __LINE__, (PCHAR)__FILE__)

/* ---- driver --------------------------------------------------------------- */
typedef struct _WDF_DRIVER_CONFIG {
    ULONG Size;
    PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd;
    PFN_WDF_DRIVER_UNLOAD EvtDriverUnload;
    ULONG DriverInitFlags;
    ULONG DriverPoolTag;
} WDF_DRIVER_CONFIG, *PWDF_DRIVER_CONFIG;

FORCEINLINE VOID WDF_DRIVER_CONFIG_INIT(_Out_ PWDF_DRIVER_CONFIG Config,
                                        _In_opt_ PFN_WDF_DRIVER_DEVICE_ADD EvtDriverDeviceAdd)
{
    RtlZeroMemory(Config, sizeof(WDF_DRIVER_CONFIG));
    Config->Size = sizeof(WDF_DRIVER_CONFIG);
    Config->EvtDriverDeviceAdd = EvtDriverDeviceAdd;
}

WDFAPI NTSTATUS WdfDriverCreate(_In_ PDRIVER_OBJECT DriverObject, _In_ PCUNICODE_STRING RegistryPath,
                                _In_opt_ PWDF_OBJECT_ATTRIBUTES DriverAttributes,
                                _In_ PWDF_DRIVER_CONFIG DriverConfig, _Out_opt_ WDFDRIVER *Driver);
WDFAPI PDRIVER_OBJECT WdfDriverWdmGetDriverObject(_In_ WDFDRIVER Driver);
WDFAPI WDFDRIVER WdfGetDriver(VOID);

/* ---- device --------------------------------------------------------------- */
typedef struct _WDF_FILEOBJECT_CONFIG {
    ULONG Size;
    PFN_WDF_DEVICE_FILE_CREATE EvtDeviceFileCreate;
    PFN_WDF_FILE_CLOSE EvtFileClose;
    PFN_WDF_FILE_CLEANUP EvtFileCleanup;
    WDF_TRI_STATE AutoForwardCleanupClose;
    WDF_FILEOBJECT_CLASS FileObjectClass;
} WDF_FILEOBJECT_CONFIG, *PWDF_FILEOBJECT_CONFIG;

FORCEINLINE VOID WDF_FILEOBJECT_CONFIG_INIT(_Out_ PWDF_FILEOBJECT_CONFIG FileEventCallbacks,
                                            _In_opt_ PFN_WDF_DEVICE_FILE_CREATE EvtDeviceFileCreate,
                                            _In_opt_ PFN_WDF_FILE_CLOSE EvtFileClose,
                                            _In_opt_ PFN_WDF_FILE_CLEANUP EvtFileCleanup)
{
    FileEventCallbacks->Size = sizeof(WDF_FILEOBJECT_CONFIG);
    FileEventCallbacks->EvtDeviceFileCreate = EvtDeviceFileCreate;
    FileEventCallbacks->EvtFileClose = EvtFileClose;
    FileEventCallbacks->EvtFileCleanup = EvtFileCleanup;
    FileEventCallbacks->FileObjectClass = WdfFileObjectWdfCannotUseFsContexts;
    FileEventCallbacks->AutoForwardCleanupClose = WdfUseDefault;
}

WDFAPI NTSTATUS WdfDeviceCreate(_Inout_ PWDFDEVICE_INIT *DeviceInit,
                                _In_opt_ PWDF_OBJECT_ATTRIBUTES DeviceAttributes, _Out_ WDFDEVICE *Device);
WDFAPI NTSTATUS WdfDeviceCreateSymbolicLink(_In_ WDFDEVICE Device, _In_ PCUNICODE_STRING SymbolicLinkName);
WDFAPI NTSTATUS WdfDeviceCreateDeviceInterface(_In_ WDFDEVICE Device, _In_ CONST GUID *InterfaceClassGUID,
                                               _In_opt_ PCUNICODE_STRING ReferenceString);
WDFAPI NTSTATUS WdfDeviceInitAssignName(_In_ PWDFDEVICE_INIT DeviceInit, _In_opt_ PCUNICODE_STRING DeviceName);
WDFAPI VOID WdfDeviceInitSetDeviceType(_In_ PWDFDEVICE_INIT DeviceInit, _In_ DEVICE_TYPE DeviceType);
WDFAPI VOID WdfDeviceInitSetCharacteristics(_In_ PWDFDEVICE_INIT DeviceInit, _In_ ULONG DeviceCharacteristics,
                                            _In_ BOOLEAN OrInValues);
WDFAPI VOID WdfDeviceInitSetExclusive(_In_ PWDFDEVICE_INIT DeviceInit, _In_ BOOLEAN IsExclusive);
WDFAPI VOID WdfDeviceInitSetIoType(_In_ PWDFDEVICE_INIT DeviceInit, _In_ WDF_DEVICE_IO_TYPE IoType);
WDFAPI VOID WdfDeviceInitSetIoInCallerContextCallback(_In_ PWDFDEVICE_INIT DeviceInit,
                                                      _In_ PFN_WDF_IO_IN_CALLER_CONTEXT EvtIoInCallerContext);
WDFAPI VOID WdfDeviceInitSetFileObjectConfig(_In_ PWDFDEVICE_INIT DeviceInit,
                                             _In_ PWDF_FILEOBJECT_CONFIG FileObjectConfig,
                                             _In_opt_ PWDF_OBJECT_ATTRIBUTES FileObjectAttributes);
WDFAPI NTSTATUS WdfDeviceInitAssignSDDLString(_In_ PWDFDEVICE_INIT DeviceInit, _In_opt_ PCUNICODE_STRING SDDLString);
WDFAPI PWDFDEVICE_INIT WdfControlDeviceInitAllocate(_In_ WDFDRIVER Driver, _In_ CONST UNICODE_STRING *SDDLString);
WDFAPI VOID WdfDeviceInitFree(_In_ PWDFDEVICE_INIT DeviceInit);
WDFAPI VOID WdfControlFinishInitializing(_In_ WDFDEVICE Device);
WDFAPI NTSTATUS WdfDeviceEnqueueRequest(_In_ WDFDEVICE Device, _In_ WDFREQUEST Request);
WDFAPI PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(_In_ WDFDEVICE Device);
WDFAPI WDFQUEUE WdfDeviceGetDefaultQueue(_In_ WDFDEVICE Device);
WDFAPI WDFDRIVER WdfDeviceGetDriver(_In_ WDFDEVICE Device);

/* SDDL string for a device only SYSTEM and administrators may open. */
#define SDDL_DEVOBJ_SYS_ALL_ADM_ALL L"D:P(A;;GA;;;SY)(A;;GA;;;BA)"

/* ---- queues ----------------------------------------------------------------- */
typedef struct _WDF_IO_QUEUE_CONFIG {
    ULONG Size;
    WDF_IO_QUEUE_DISPATCH_TYPE DispatchType;
    WDF_TRI_STATE PowerManaged;
    BOOLEAN AllowZeroLengthRequests;
    BOOLEAN DefaultQueue;
    PFN_WDF_IO_QUEUE_IO_DEFAULT EvtIoDefault;
    PFN_WDF_IO_QUEUE_IO_READ EvtIoRead;
    PFN_WDF_IO_QUEUE_IO_WRITE EvtIoWrite;
    PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL EvtIoDeviceControl;
    PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL EvtIoInternalDeviceControl;
    PFN_WDF_IO_QUEUE_IO_STOP EvtIoStop;
    PFN_WDF_IO_QUEUE_IO_RESUME EvtIoResume;
    PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE EvtIoCanceledOnQueue;
    union {
        struct {
            ULONG NumberOfPresentedRequests;
        } Parallel;
    } Settings;
    WDFDRIVER Driver;
} WDF_IO_QUEUE_CONFIG, *PWDF_IO_QUEUE_CONFIG;

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT(_Out_ PWDF_IO_QUEUE_CONFIG Config,
                                          _In_ WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    RtlZeroMemory(Config, sizeof(WDF_IO_QUEUE_CONFIG));
    Config->Size = sizeof(WDF_IO_QUEUE_CONFIG);
    Config->PowerManaged = WdfUseDefault;
    Config->DispatchType = DispatchType;
    if (Config->DispatchType == WdfIoQueueDispatchParallel) {
        Config->Settings.Parallel.NumberOfPresentedRequests = (ULONG)-1;
    }
}

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(_Out_ PWDF_IO_QUEUE_CONFIG Config,
                                                        _In_ WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
    Config->DefaultQueue = TRUE;
}

WDFAPI NTSTATUS WdfIoQueueCreate(_In_ WDFDEVICE Device, _In_ PWDF_IO_QUEUE_CONFIG Config,
                                 _In_opt_ PWDF_OBJECT_ATTRIBUTES QueueAttributes, _Out_opt_ WDFQUEUE *Queue);
WDFAPI WDFDEVICE WdfIoQueueGetDevice(_In_ WDFQUEUE Queue);
WDFAPI VOID WdfIoQueueStart(_In_ WDFQUEUE Queue);
WDFAPI VOID WdfIoQueuePurgeSynchronously(_In_ WDFQUEUE Queue);
WDFAPI NTSTATUS WdfIoQueueRetrieveNextRequest(_In_ WDFQUEUE Queue, _Out_ WDFREQUEST *OutRequest);

/* ---- requests --------------------------------------------------------------- */
typedef struct _WDF_REQUEST_PARAMETERS {
    USHORT Size;
    UCHAR MinorFunction;
    WDF_REQUEST_TYPE Type;
    union {
        struct {
            PIO_SECURITY_CONTEXT SecurityContext;
            ULONG Options;
            USHORT POINTER_ALIGNMENT FileAttributes;
            USHORT ShareAccess;
            ULONG POINTER_ALIGNMENT EaLength;
        } Create;
        struct {
            size_t Length;
            ULONG POINTER_ALIGNMENT Key;
            LONGLONG DeviceOffset;
        } Read;
        struct {
            size_t Length;
            ULONG POINTER_ALIGNMENT Key;
            LONGLONG DeviceOffset;
        } Write;
        struct {
            size_t OutputBufferLength;
            size_t POINTER_ALIGNMENT InputBufferLength;
            ULONG POINTER_ALIGNMENT IoControlCode;
            PVOID Type3InputBuffer;
        } DeviceIoControl;
        struct {
            PVOID Arg1;
            PVOID Arg2;
            ULONG POINTER_ALIGNMENT IoControlCode;
            PVOID Arg4;
        } Others;
    } Parameters;
} WDF_REQUEST_PARAMETERS, *PWDF_REQUEST_PARAMETERS;

FORCEINLINE VOID WDF_REQUEST_PARAMETERS_INIT(_Out_ PWDF_REQUEST_PARAMETERS Parameters)
{
    RtlZeroMemory(Parameters, sizeof(WDF_REQUEST_PARAMETERS));
    Parameters->Size = sizeof(WDF_REQUEST_PARAMETERS);
}

WDFAPI VOID WdfRequestComplete(_In_ WDFREQUEST Request, _In_ NTSTATUS Status);
WDFAPI VOID WdfRequestCompleteWithInformation(_In_ WDFREQUEST Request, _In_ NTSTATUS Status,
                                              _In_ ULONG_PTR Information);
WDFAPI VOID WdfRequestCompleteWithPriorityBoost(_In_ WDFREQUEST Request, _In_ NTSTATUS Status,
                                                _In_ CCHAR PriorityBoost);
WDFAPI VOID WdfRequestSetInformation(_In_ WDFREQUEST Request, _In_ ULONG_PTR Information);
WDFAPI ULONG_PTR WdfRequestGetInformation(_In_ WDFREQUEST Request);
WDFAPI NTSTATUS WdfRequestGetStatus(_In_ WDFREQUEST Request);
WDFAPI VOID WdfRequestGetParameters(_In_ WDFREQUEST Request, _Out_ PWDF_REQUEST_PARAMETERS Parameters);
WDFAPI NTSTATUS WdfRequestRetrieveInputBuffer(_In_ WDFREQUEST Request, _In_ size_t MinimumRequiredLength,
                                              _Outptr_result_bytebuffer_(*Length) PVOID *Buffer,
                                              _Out_opt_ size_t *Length);
WDFAPI NTSTATUS WdfRequestRetrieveOutputBuffer(_In_ WDFREQUEST Request, _In_ size_t MinimumRequiredSize,
                                               _Outptr_result_bytebuffer_(*Length) PVOID *Buffer,
                                               _Out_opt_ size_t *Length);
WDFAPI NTSTATUS WdfRequestRetrieveInputMemory(_In_ WDFREQUEST Request, _Out_ WDFMEMORY *Memory);
WDFAPI NTSTATUS WdfRequestRetrieveOutputMemory(_In_ WDFREQUEST Request, _Out_ WDFMEMORY *Memory);
WDFAPI NTSTATUS WdfRequestRetrieveInputWdmMdl(_In_ WDFREQUEST Request, _Outptr_ PMDL *Mdl);
WDFAPI NTSTATUS WdfRequestRetrieveOutputWdmMdl(_In_ WDFREQUEST Request, _Outptr_ PMDL *Mdl);
WDFAPI NTSTATUS WdfRequestRetrieveUnsafeUserInputBuffer(_In_ WDFREQUEST Request, _In_ size_t MinimumRequiredLength,
                                                        _Outptr_result_bytebuffer_maybenull_(*Length) PVOID *InputBuffer,
                                                        _Out_opt_ size_t *Length);
WDFAPI NTSTATUS WdfRequestRetrieveUnsafeUserOutputBuffer(_In_ WDFREQUEST Request, _In_ size_t MinimumRequiredLength,
                                                         _Outptr_result_bytebuffer_maybenull_(*Length) PVOID *OutputBuffer,
                                                         _Out_opt_ size_t *Length);
WDFAPI NTSTATUS WdfRequestProbeAndLockUserBufferForRead(_In_ WDFREQUEST Request,
                                                        _In_reads_bytes_(Length) PVOID Buffer,
                                                        _In_ size_t Length, _Out_ WDFMEMORY *MemoryObject);
WDFAPI NTSTATUS WdfRequestProbeAndLockUserBufferForWrite(_In_ WDFREQUEST Request,
                                                         _In_reads_bytes_(Length) PVOID Buffer,
                                                         _In_ size_t Length, _Out_ WDFMEMORY *MemoryObject);
WDFAPI KPROCESSOR_MODE WdfRequestGetRequestorMode(_In_ WDFREQUEST Request);
WDFAPI PIRP WdfRequestWdmGetIrp(_In_ WDFREQUEST Request);
WDFAPI WDFQUEUE WdfRequestGetIoQueue(_In_ WDFREQUEST Request);
WDFAPI WDFFILEOBJECT WdfRequestGetFileObject(_In_ WDFREQUEST Request);
WDFAPI NTSTATUS WdfRequestForwardToIoQueue(_In_ WDFREQUEST Request, _In_ WDFQUEUE DestinationQueue);
WDFAPI BOOLEAN WdfRequestIsCanceled(_In_ WDFREQUEST Request);
WDFAPI VOID WdfRequestMarkCancelable(_In_ WDFREQUEST Request, _In_ PFN_WDF_REQUEST_CANCEL EvtRequestCancel);
WDFAPI NTSTATUS WdfRequestMarkCancelableEx(_In_ WDFREQUEST Request, _In_ PFN_WDF_REQUEST_CANCEL EvtRequestCancel);
WDFAPI NTSTATUS WdfRequestUnmarkCancelable(_In_ WDFREQUEST Request);
WDFAPI PFILE_OBJECT WdfFileObjectWdmGetFileObject(_In_ WDFFILEOBJECT FileObject);
WDFAPI PUNICODE_STRING WdfFileObjectGetFileName(_In_ WDFFILEOBJECT FileObject);
WDFAPI WDFDEVICE WdfFileObjectGetDevice(_In_ WDFFILEOBJECT FileObject);

/* ---- memory ------------------------------------------------------------------ */
WDFAPI PVOID WdfMemoryGetBuffer(_In_ WDFMEMORY Memory, _Out_opt_ size_t *BufferSize);
WDFAPI NTSTATUS WdfMemoryCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes, _In_ POOL_TYPE PoolType,
                                _In_opt_ ULONG PoolTag, _In_ size_t BufferSize, _Out_ WDFMEMORY *Memory,
                                _Outptr_opt_result_bytebuffer_(BufferSize) PVOID *Buffer);
WDFAPI NTSTATUS WdfMemoryCreatePreallocated(_In_opt_ PWDF_OBJECT_ATTRIBUTES Attributes,
                                            _In_ PVOID Buffer, _In_ size_t BufferSize, _Out_ WDFMEMORY *Memory);
WDFAPI NTSTATUS WdfMemoryCopyToBuffer(_In_ WDFMEMORY SourceMemory, _In_ size_t SourceOffset,
                                      _Out_writes_bytes_(NumBytesToCopyTo) PVOID Buffer,
                                      _In_ size_t NumBytesToCopyTo);
WDFAPI NTSTATUS WdfMemoryCopyFromBuffer(_In_ WDFMEMORY DestinationMemory, _In_ size_t DestinationOffset,
                                        _In_ PVOID Buffer, _In_ size_t NumBytesToCopyFrom);

/* ---- locks -------------------------------------------------------------------- */
WDFAPI NTSTATUS WdfSpinLockCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES SpinLockAttributes, _Out_ WDFSPINLOCK *SpinLock);
WDFAPI VOID WdfSpinLockAcquire(_In_ WDFSPINLOCK SpinLock);
WDFAPI VOID WdfSpinLockRelease(_In_ WDFSPINLOCK SpinLock);
WDFAPI NTSTATUS WdfWaitLockCreate(_In_opt_ PWDF_OBJECT_ATTRIBUTES LockAttributes, _Out_ WDFWAITLOCK *Lock);
WDFAPI NTSTATUS WdfWaitLockAcquire(_In_ WDFWAITLOCK Lock, _In_opt_ PLONGLONG Timeout);
WDFAPI VOID WdfWaitLockRelease(_In_ WDFWAITLOCK Lock);

EXTERN_C_END

#endif /* UMASHIM_WDF_H */
#endif /* _WDF_H_ */
