/*
 * umashim_exmm.h - umalint WDK shim: executive (Ex), memory manager (Mm),
 * object manager (Ob), process (Ps) and Zw routines, pool types and the
 * user-buffer probes.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). Included by
 * wdm.h; do not include directly.
 */
#ifndef UMASHIM_EXMM_H
#define UMASHIM_EXMM_H

#include <ntdef.h>
#include <umashim_ke.h>
#include <umashim_io.h>

EXTERN_C_START

/* ---- pool ----------------------------------------------------------------- */
typedef enum _POOL_TYPE {
    NonPagedPool,
    NonPagedPoolExecute = NonPagedPool,
    PagedPool,
    NonPagedPoolMustSucceed = NonPagedPool + 2,
    DontUseThisType,
    NonPagedPoolCacheAligned = NonPagedPool + 4,
    PagedPoolCacheAligned,
    NonPagedPoolCacheAlignedMustS = NonPagedPool + 6,
    MaxPoolType,
    NonPagedPoolBase = 0,
    NonPagedPoolBaseMustSucceed = NonPagedPoolBase + 2,
    NonPagedPoolBaseCacheAligned = NonPagedPoolBase + 4,
    NonPagedPoolBaseCacheAlignedMustS = NonPagedPoolBase + 6,
    NonPagedPoolSession = 32,
    PagedPoolSession = NonPagedPoolSession + 1,
    NonPagedPoolMustSucceedSession = PagedPoolSession + 1,
    DontUseThisTypeSession = NonPagedPoolMustSucceedSession + 1,
    NonPagedPoolCacheAlignedSession = DontUseThisTypeSession + 1,
    PagedPoolCacheAlignedSession = NonPagedPoolCacheAlignedSession + 1,
    NonPagedPoolCacheAlignedMustSSession = PagedPoolCacheAlignedSession + 1,
    NonPagedPoolNx = 512,
    NonPagedPoolNxCacheAligned = NonPagedPoolNx + 4,
    NonPagedPoolSessionNx = NonPagedPoolNx + 32
} POOL_TYPE;

#define POOL_QUOTA_FAIL_INSTEAD_OF_RAISE 8
#define POOL_RAISE_IF_ALLOCATION_FAILURE 16
#define POOL_COLD_ALLOCATION 256
#define POOL_NX_ALLOCATION 512
#define POOL_ZERO_ALLOCATION 1024

typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START 0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA 0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED 0x0000000000000002ULL
#define POOL_FLAG_SESSION 0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED 0x0000000000000008ULL
#define POOL_FLAG_RESERVED1 0x0000000000000010ULL
#define POOL_FLAG_RAISE_ON_FAILURE 0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED 0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE 0x0000000000000080ULL
#define POOL_FLAG_PAGED 0x0000000000000100ULL
#define POOL_FLAG_RESERVED2 0x0000000000000200ULL
#define POOL_FLAG_RESERVED3 0x0000000000000400ULL
#define POOL_FLAG_REQUIRED_END 0x0000000080000000ULL
#define POOL_FLAG_OPTIONAL_START 0x0000000100000000ULL
#define POOL_FLAG_SPECIAL_POOL 0x0000000100000000ULL
#define POOL_FLAG_OPTIONAL_END 0x8000000000000000ULL

typedef enum _EX_POOL_PRIORITY {
    LowPoolPriority,
    LowPoolPrioritySpecialPoolOverrun = 8,
    LowPoolPrioritySpecialPoolUnderrun = 9,
    NormalPoolPriority = 16,
    NormalPoolPrioritySpecialPoolOverrun = 24,
    NormalPoolPrioritySpecialPoolUnderrun = 25,
    HighPoolPriority = 32,
    HighPoolPrioritySpecialPoolOverrun = 40,
    HighPoolPrioritySpecialPoolUnderrun = 41
} EX_POOL_PRIORITY;

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTag(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolWithQuotaTag(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
                                                   _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTagPriority(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
                                                      _In_ ULONG Tag, _In_ EX_POOL_PRIORITY Priority);
NTKERNELAPI PVOID NTAPI ExAllocatePool(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes);
NTKERNELAPI PVOID NTAPI ExAllocatePool2(_In_ POOL_FLAGS Flags, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolZero(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes, _In_ ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolUninitialized(_In_ POOL_TYPE PoolType, _In_ SIZE_T NumberOfBytes,
                                                    _In_ ULONG Tag);
NTKERNELAPI VOID NTAPI ExFreePoolWithTag(_Pre_notnull_ __drv_freesMem(Mem) PVOID P, _In_ ULONG Tag);
NTKERNELAPI VOID NTAPI ExFreePool(_Pre_notnull_ __drv_freesMem(Mem) PVOID P);
NTKERNELAPI VOID NTAPI ExFreePool2(_Pre_notnull_ PVOID P, _In_ ULONG Tag, _In_opt_ PVOID ExtendedParameters,
                                   _In_ ULONG ExtendedParametersCount);

/* ---- exceptions raised by the executive ----------------------------------- */
NTKERNELAPI KPROCESSOR_MODE NTAPI ExGetPreviousMode(VOID);
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseAccessViolation(VOID);
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseDatatypeMisalignment(VOID);
NTSYSAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseStatus(_In_ NTSTATUS Status);

/* ---- synchronisation ------------------------------------------------------ */
NTKERNELAPI VOID NTAPI ExInitializeFastMutex(_Out_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExAcquireFastMutex(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExReleaseFastMutex(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI BOOLEAN FASTCALL ExTryToAcquireFastMutex(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExAcquireFastMutexUnsafe(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExReleaseFastMutexUnsafe(_Inout_ PFAST_MUTEX FastMutex);
NTKERNELAPI NTSTATUS NTAPI ExInitializeResourceLite(_Out_ PERESOURCE Resource);
NTKERNELAPI NTSTATUS NTAPI ExDeleteResourceLite(_Inout_ PERESOURCE Resource);
NTKERNELAPI NTSTATUS NTAPI ExReinitializeResourceLite(_Inout_ PERESOURCE Resource);
NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceExclusiveLite(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceSharedLite(_Inout_ PERESOURCE Resource, _In_ BOOLEAN Wait);
NTKERNELAPI VOID FASTCALL ExReleaseResourceLite(_Inout_ PERESOURCE Resource);
NTKERNELAPI VOID NTAPI ExReleaseResourceForThreadLite(_Inout_ PERESOURCE Resource,
                                                      _In_ ERESOURCE_THREAD ResourceThreadId);
NTKERNELAPI BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(_In_ PERESOURCE Resource);
NTKERNELAPI ULONG NTAPI ExIsResourceAcquiredSharedLite(_In_ PERESOURCE Resource);
NTKERNELAPI PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceExclusive(_Inout_ PERESOURCE Resource);
NTKERNELAPI PVOID NTAPI ExEnterCriticalRegionAndAcquireResourceShared(_Inout_ PERESOURCE Resource);
NTKERNELAPI VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(_Inout_ PERESOURCE Resource);
NTKERNELAPI VOID NTAPI ExSystemTimeToLocalTime(_In_ PLARGE_INTEGER SystemTime, _Out_ PLARGE_INTEGER LocalTime);
NTKERNELAPI VOID NTAPI ExLocalTimeToSystemTime(_In_ PLARGE_INTEGER LocalTime, _Out_ PLARGE_INTEGER SystemTime);
NTKERNELAPI NTSTATUS NTAPI ExUuidCreate(_Out_ GUID *Uuid);

/* ---- user buffer probes --------------------------------------------------- */
NTKERNELAPI VOID NTAPI ProbeForRead(_In_reads_bytes_(Length) const volatile VOID *Address, _In_ SIZE_T Length,
                                    _In_ ULONG Alignment);
NTKERNELAPI VOID NTAPI ProbeForWrite(_Inout_updates_bytes_(Length) volatile VOID *Address, _In_ SIZE_T Length,
                                     _In_ ULONG Alignment);
/* Alignment-only check of a user buffer (raises STATUS_DATATYPE_MISALIGNMENT). */
NTKERNELAPI VOID NTAPI ExProbeAlignment(_In_reads_bytes_(Length) const volatile VOID *Address, _In_ SIZE_T Length,
                                        _In_ ULONG Alignment);

/* ---- memory manager ------------------------------------------------------- */
extern NTKERNELAPI ULONG_PTR MmUserProbeAddress;
extern NTKERNELAPI PVOID MmHighestUserAddress;
extern NTKERNELAPI PVOID MmSystemRangeStart;
#define MM_USER_PROBE_ADDRESS MmUserProbeAddress
#define MM_HIGHEST_USER_ADDRESS MmHighestUserAddress
#define MM_SYSTEM_RANGE_START MmSystemRangeStart
#define MM_LOWEST_USER_ADDRESS ((PVOID)(LONG_PTR)0x10000)
#define MM_LOWEST_SYSTEM_ADDRESS ((PVOID)(LONG_PTR)0xFFFF080000000000LL)
#define PAGE_SIZE 0x1000
#define PAGE_SHIFT 12L
#define BYTE_OFFSET(Va) ((ULONG)((LONG_PTR)(Va) & (PAGE_SIZE - 1)))
#define PAGE_ALIGN(Va) ((PVOID)((ULONG_PTR)(Va) & ~(PAGE_SIZE - 1)))
#define ROUND_TO_PAGES(Size) (((ULONG_PTR)(Size) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define BYTES_TO_PAGES(Size) (((Size) >> PAGE_SHIFT) + (((Size) & (PAGE_SIZE - 1)) != 0))
#define ADDRESS_AND_SIZE_TO_SPAN_PAGES(Va, Size) \
    ((BYTE_OFFSET(Va) + ((SIZE_T)(Size)) + (PAGE_SIZE - 1)) >> PAGE_SHIFT)

typedef enum _LOCK_OPERATION {
    IoReadAccess,
    IoWriteAccess,
    IoModifyAccess
} LOCK_OPERATION;

typedef enum _MEMORY_CACHING_TYPE {
    MmNonCached = 0,
    MmCached = 1,
    MmWriteCombined = 2,
    MmHardwareCoherentCached,
    MmNonCachedUnordered,
    MmUSWCCached,
    MmMaximumCacheType,
    MmNotMapped = -1
} MEMORY_CACHING_TYPE;

typedef enum _MM_PAGE_PRIORITY {
    LowPagePriority,
    NormalPagePriority = 16,
    HighPagePriority = 32
} MM_PAGE_PRIORITY;
#define MdlMappingNoWrite 0x80000000
#define MdlMappingNoExecute 0x40000000

#define MmGetMdlVirtualAddress(Mdl) ((PVOID)((PCHAR)((Mdl)->StartVa) + (Mdl)->ByteOffset))
#define MmGetMdlByteCount(Mdl) ((Mdl)->ByteCount)
#define MmGetMdlByteOffset(Mdl) ((Mdl)->ByteOffset)
#define MmGetMdlBaseVa(Mdl) ((Mdl)->StartVa)
#define MmGetMdlPfnArray(Mdl) ((PPFN_NUMBER)((Mdl) + 1))
#define MmGetSystemAddressForMdl(MDL) MmGetSystemAddressForMdlSafe((MDL), NormalPagePriority)
typedef ULONG_PTR PFN_NUMBER, *PPFN_NUMBER;

NTKERNELAPI VOID NTAPI MmProbeAndLockPages(_Inout_ PMDL MemoryDescriptorList, _In_ KPROCESSOR_MODE AccessMode,
                                           _In_ LOCK_OPERATION Operation);
NTKERNELAPI VOID NTAPI MmUnlockPages(_Inout_ PMDL MemoryDescriptorList);
NTKERNELAPI VOID NTAPI MmBuildMdlForNonPagedPool(_Inout_ PMDL MemoryDescriptorList);
NTKERNELAPI PVOID NTAPI MmMapLockedPagesSpecifyCache(_Inout_ PMDL MemoryDescriptorList,
                                                     _In_ KPROCESSOR_MODE AccessMode,
                                                     _In_ MEMORY_CACHING_TYPE CacheType,
                                                     _In_opt_ PVOID RequestedAddress,
                                                     _In_ ULONG BugCheckOnFailure, _In_ ULONG Priority);
NTKERNELAPI PVOID NTAPI MmMapLockedPages(_Inout_ PMDL MemoryDescriptorList, _In_ KPROCESSOR_MODE AccessMode);
NTKERNELAPI VOID NTAPI MmUnmapLockedPages(_In_ PVOID BaseAddress, _Inout_ PMDL MemoryDescriptorList);
NTKERNELAPI BOOLEAN NTAPI MmIsAddressValid(_In_ PVOID VirtualAddress);
NTKERNELAPI PHYSICAL_ADDRESS NTAPI MmGetPhysicalAddress(_In_ PVOID BaseAddress);
NTKERNELAPI PVOID NTAPI MmMapIoSpace(_In_ PHYSICAL_ADDRESS PhysicalAddress, _In_ SIZE_T NumberOfBytes,
                                     _In_ MEMORY_CACHING_TYPE CacheType);
NTKERNELAPI VOID NTAPI MmUnmapIoSpace(_In_ PVOID BaseAddress, _In_ SIZE_T NumberOfBytes);
NTKERNELAPI PVOID NTAPI MmAllocateContiguousMemory(_In_ SIZE_T NumberOfBytes,
                                                   _In_ PHYSICAL_ADDRESS HighestAcceptableAddress);
NTKERNELAPI VOID NTAPI MmFreeContiguousMemory(_In_ PVOID BaseAddress);
NTKERNELAPI PVOID NTAPI MmGetSystemRoutineAddress(_In_ PUNICODE_STRING SystemRoutineName);
NTKERNELAPI HANDLE NTAPI MmSecureVirtualMemory(_In_ PVOID Address, _In_ SIZE_T Size, _In_ ULONG ProbeMode);
NTKERNELAPI VOID NTAPI MmUnsecureVirtualMemory(_In_ HANDLE SecureHandle);

/* System-space mapping of the pages an MDL describes (NULL on failure). */
FORCEINLINE PVOID MmGetSystemAddressForMdlSafe(_Inout_ PMDL Mdl, _In_ ULONG Priority)
{
    if (Mdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) {
        return Mdl->MappedSystemVa;
    }
    return MmMapLockedPagesSpecifyCache(Mdl, KernelMode, MmCached, NULL, FALSE, Priority);
}

/* ---- object manager ------------------------------------------------------- */
typedef struct _OBJECT_HANDLE_INFORMATION {
    ULONG HandleAttributes;
    ACCESS_MASK GrantedAccess;
} OBJECT_HANDLE_INFORMATION, *POBJECT_HANDLE_INFORMATION;

extern NTKERNELAPI POBJECT_TYPE *IoFileObjectType;
extern NTKERNELAPI POBJECT_TYPE *ExEventObjectType;
extern NTKERNELAPI POBJECT_TYPE *ExSemaphoreObjectType;
extern NTKERNELAPI POBJECT_TYPE *PsProcessType;
extern NTKERNELAPI POBJECT_TYPE *PsThreadType;

NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByHandle(_In_ HANDLE Handle, _In_ ACCESS_MASK DesiredAccess,
                                                     _In_opt_ POBJECT_TYPE ObjectType,
                                                     _In_ KPROCESSOR_MODE AccessMode, _Out_ PVOID *Object,
                                                     _Out_opt_ POBJECT_HANDLE_INFORMATION HandleInformation);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByHandleWithTag(_In_ HANDLE Handle, _In_ ACCESS_MASK DesiredAccess,
                                                            _In_opt_ POBJECT_TYPE ObjectType,
                                                            _In_ KPROCESSOR_MODE AccessMode, _In_ ULONG Tag,
                                                            _Out_ PVOID *Object,
                                                            _Out_opt_ POBJECT_HANDLE_INFORMATION HandleInformation);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByPointer(_In_ PVOID Object, _In_ ACCESS_MASK DesiredAccess,
                                                      _In_opt_ POBJECT_TYPE ObjectType,
                                                      _In_ KPROCESSOR_MODE AccessMode);
/* Like IoCallDriver, both the macro-level and the f-spelled names are
 * declared as functions. */
NTKERNELAPI LONG_PTR FASTCALL ObfReferenceObject(_In_ PVOID Object);
NTKERNELAPI LONG_PTR FASTCALL ObfDereferenceObject(_In_ PVOID Object);
NTKERNELAPI LONG_PTR NTAPI ObReferenceObject(_In_ PVOID Object);
NTKERNELAPI LONG_PTR NTAPI ObDereferenceObject(_In_ PVOID Object);
NTKERNELAPI VOID NTAPI ObDereferenceObjectDeferDelete(_In_ PVOID Object);
NTKERNELAPI LONG_PTR FASTCALL ObfReferenceObjectWithTag(_In_ PVOID Object, _In_ ULONG Tag);
NTKERNELAPI LONG_PTR FASTCALL ObfDereferenceObjectWithTag(_In_ PVOID Object, _In_ ULONG Tag);
#define ObReferenceObjectWithTag(Object, Tag) ObfReferenceObjectWithTag(Object, Tag)
#define ObDereferenceObjectWithTag(Object, Tag) ObfDereferenceObjectWithTag(Object, Tag)
NTKERNELAPI NTSTATUS NTAPI ObGetObjectSecurity(_In_ PVOID Object, _Out_ PSECURITY_DESCRIPTOR *SecurityDescriptor,
                                               _Out_ PBOOLEAN MemoryAllocated);
NTKERNELAPI VOID NTAPI ObReleaseObjectSecurity(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
                                               _In_ BOOLEAN MemoryAllocated);

/* ---- processes and threads ---------------------------------------------- */
NTKERNELAPI HANDLE NTAPI PsGetCurrentProcessId(VOID);
NTKERNELAPI HANDLE NTAPI PsGetCurrentThreadId(VOID);
NTKERNELAPI PETHREAD NTAPI PsGetCurrentThread(VOID);
NTKERNELAPI PEPROCESS NTAPI PsGetCurrentProcess(VOID);
NTKERNELAPI HANDLE NTAPI PsGetProcessId(_In_ PEPROCESS Process);
NTKERNELAPI HANDLE NTAPI PsGetThreadId(_In_ PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI PsIsSystemThread(_In_ PETHREAD Thread);
NTKERNELAPI NTSTATUS NTAPI PsCreateSystemThread(_Out_ PHANDLE ThreadHandle, _In_ ULONG DesiredAccess,
                                                _In_opt_ POBJECT_ATTRIBUTES ObjectAttributes,
                                                _In_opt_ HANDLE ProcessHandle, _Out_opt_ PCLIENT_ID ClientId,
                                                _In_ PKSTART_ROUTINE StartRoutine, _In_opt_ PVOID StartContext);
NTKERNELAPI NTSTATUS NTAPI PsTerminateSystemThread(_In_ NTSTATUS ExitStatus);

/* ---- registry ----------------------------------------------------------- */
#define KEY_QUERY_VALUE 0x0001
#define KEY_SET_VALUE 0x0002
#define KEY_CREATE_SUB_KEY 0x0004
#define KEY_ENUMERATE_SUB_KEYS 0x0008
#define KEY_NOTIFY 0x0010
#define KEY_CREATE_LINK 0x0020
#define KEY_WOW64_64KEY 0x0100
#define KEY_WOW64_32KEY 0x0200
#define KEY_READ ((STANDARD_RIGHTS_READ | KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY) & (~SYNCHRONIZE))
#define KEY_WRITE ((STANDARD_RIGHTS_WRITE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY) & (~SYNCHRONIZE))
#define KEY_EXECUTE ((KEY_READ) & (~SYNCHRONIZE))
#define KEY_ALL_ACCESS \
    ((STANDARD_RIGHTS_ALL | KEY_QUERY_VALUE | KEY_SET_VALUE | KEY_CREATE_SUB_KEY | KEY_ENUMERATE_SUB_KEYS | \
      KEY_NOTIFY | KEY_CREATE_LINK) & (~SYNCHRONIZE))
#define REG_OPTION_NON_VOLATILE 0x00000000L
#define REG_OPTION_VOLATILE 0x00000001L
#define REG_CREATED_NEW_KEY 0x00000001L
#define REG_OPENED_EXISTING_KEY 0x00000002L
#define REG_NONE 0
#define REG_SZ 1
#define REG_EXPAND_SZ 2
#define REG_BINARY 3
#define REG_DWORD 4
#define REG_DWORD_LITTLE_ENDIAN 4
#define REG_DWORD_BIG_ENDIAN 5
#define REG_LINK 6
#define REG_MULTI_SZ 7
#define REG_QWORD 11

typedef enum _KEY_VALUE_INFORMATION_CLASS {
    KeyValueBasicInformation,
    KeyValueFullInformation,
    KeyValuePartialInformation,
    KeyValueFullInformationAlign64,
    KeyValuePartialInformationAlign64,
    KeyValueLayerInformation,
    MaxKeyValueInfoClass
} KEY_VALUE_INFORMATION_CLASS;

typedef struct _KEY_VALUE_PARTIAL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataLength;
    UCHAR Data[1];
} KEY_VALUE_PARTIAL_INFORMATION, *PKEY_VALUE_PARTIAL_INFORMATION;

typedef struct _KEY_VALUE_FULL_INFORMATION {
    ULONG TitleIndex;
    ULONG Type;
    ULONG DataOffset;
    ULONG DataLength;
    ULONG NameLength;
    WCHAR Name[1];
} KEY_VALUE_FULL_INFORMATION, *PKEY_VALUE_FULL_INFORMATION;

/* ---- Zw routines -------------------------------------------------------- */
NTSYSAPI NTSTATUS NTAPI ZwClose(_In_ HANDLE Handle);
NTSYSAPI NTSTATUS NTAPI ZwCreateFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
                                     _In_ POBJECT_ATTRIBUTES ObjectAttributes, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                     _In_opt_ PLARGE_INTEGER AllocationSize, _In_ ULONG FileAttributes,
                                     _In_ ULONG ShareAccess, _In_ ULONG CreateDisposition, _In_ ULONG CreateOptions,
                                     _In_reads_bytes_opt_(EaLength) PVOID EaBuffer, _In_ ULONG EaLength);
NTSYSAPI NTSTATUS NTAPI ZwOpenFile(_Out_ PHANDLE FileHandle, _In_ ACCESS_MASK DesiredAccess,
                                   _In_ POBJECT_ATTRIBUTES ObjectAttributes, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                   _In_ ULONG ShareAccess, _In_ ULONG OpenOptions);
NTSYSAPI NTSTATUS NTAPI ZwReadFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
                                   _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
                                   _Out_ PIO_STATUS_BLOCK IoStatusBlock, _Out_writes_bytes_(Length) PVOID Buffer,
                                   _In_ ULONG Length, _In_opt_ PLARGE_INTEGER ByteOffset, _In_opt_ PULONG Key);
NTSYSAPI NTSTATUS NTAPI ZwWriteFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
                                    _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
                                    _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_reads_bytes_(Length) PVOID Buffer,
                                    _In_ ULONG Length, _In_opt_ PLARGE_INTEGER ByteOffset, _In_opt_ PULONG Key);
NTSYSAPI NTSTATUS NTAPI ZwQueryInformationFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                               _Out_writes_bytes_(Length) PVOID FileInformation,
                                               _In_ ULONG Length,
                                               _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTSYSAPI NTSTATUS NTAPI ZwSetInformationFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                             _In_reads_bytes_(Length) PVOID FileInformation, _In_ ULONG Length,
                                             _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTSYSAPI NTSTATUS NTAPI ZwCreateKey(_Out_ PHANDLE KeyHandle, _In_ ACCESS_MASK DesiredAccess,
                                    _In_ POBJECT_ATTRIBUTES ObjectAttributes, _Reserved_ ULONG TitleIndex,
                                    _In_opt_ PUNICODE_STRING Class, _In_ ULONG CreateOptions,
                                    _Out_opt_ PULONG Disposition);
NTSYSAPI NTSTATUS NTAPI ZwOpenKey(_Out_ PHANDLE KeyHandle, _In_ ACCESS_MASK DesiredAccess,
                                  _In_ POBJECT_ATTRIBUTES ObjectAttributes);
NTSYSAPI NTSTATUS NTAPI ZwDeleteKey(_In_ HANDLE KeyHandle);
NTSYSAPI NTSTATUS NTAPI ZwQueryValueKey(_In_ HANDLE KeyHandle, _In_ PUNICODE_STRING ValueName,
                                        _In_ KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                                        _Out_writes_bytes_opt_(Length) PVOID KeyValueInformation,
                                        _In_ ULONG Length, _Out_ PULONG ResultLength);
NTSYSAPI NTSTATUS NTAPI ZwSetValueKey(_In_ HANDLE KeyHandle, _In_ PUNICODE_STRING ValueName,
                                      _In_opt_ ULONG TitleIndex, _In_ ULONG Type,
                                      _In_reads_bytes_opt_(DataSize) PVOID Data, _In_ ULONG DataSize);
NTSYSAPI NTSTATUS NTAPI ZwFlushKey(_In_ HANDLE KeyHandle);
NTSYSAPI NTSTATUS NTAPI ZwMakeTemporaryObject(_In_ HANDLE Handle);

EXTERN_C_END

#endif /* UMASHIM_EXMM_H */
