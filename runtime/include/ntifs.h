/*
 * ntifs.h - umalint WDK shim: the installable file system / filter
 * interface.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). Includes ntddk.h
 * and adds directory and volume information classes, more Zw routines,
 * security (Se*) routines and a few FsRtl helpers.
 */
#ifndef _NTIFS_
#define _NTIFS_
#ifndef UMASHIM_NTIFS_H
#define UMASHIM_NTIFS_H

#include <ntddk.h>

EXTERN_C_START

/* ---- directory and volume information -------------------------------------- */
typedef struct _FILE_DIRECTORY_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_DIRECTORY_INFORMATION, *PFILE_DIRECTORY_INFORMATION;

typedef struct _FILE_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    WCHAR FileName[1];
} FILE_FULL_DIR_INFORMATION, *PFILE_FULL_DIR_INFORMATION;

typedef struct _FILE_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    CCHAR ShortNameLength;
    WCHAR ShortName[12];
    WCHAR FileName[1];
} FILE_BOTH_DIR_INFORMATION, *PFILE_BOTH_DIR_INFORMATION;

typedef struct _FILE_NAMES_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_NAMES_INFORMATION, *PFILE_NAMES_INFORMATION;

typedef struct _FILE_RENAME_INFORMATION {
    BOOLEAN ReplaceIfExists;
    HANDLE RootDirectory;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_RENAME_INFORMATION, *PFILE_RENAME_INFORMATION;

typedef struct _FILE_FS_DEVICE_INFORMATION {
    DEVICE_TYPE DeviceType;
    ULONG Characteristics;
} FILE_FS_DEVICE_INFORMATION, *PFILE_FS_DEVICE_INFORMATION;

typedef struct _FILE_FS_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits;
    LARGE_INTEGER AvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit;
    ULONG BytesPerSector;
} FILE_FS_SIZE_INFORMATION, *PFILE_FS_SIZE_INFORMATION;

/* ---- process information -------------------------------------------------- */
typedef enum _PROCESSINFOCLASS {
    ProcessBasicInformation = 0,
    ProcessQuotaLimits = 1,
    ProcessIoCounters = 2,
    ProcessVmCounters = 3,
    ProcessTimes = 4,
    ProcessBasePriority = 5,
    ProcessRaisePriority = 6,
    ProcessDebugPort = 7,
    ProcessExceptionPort = 8,
    ProcessAccessToken = 9,
    ProcessDefaultHardErrorMode = 12,
    ProcessPooledUsageAndLimits = 14,
    ProcessWorkingSetWatch = 15,
    ProcessPriorityClass = 18,
    ProcessHandleCount = 20,
    ProcessAffinityMask = 21,
    ProcessPriorityBoost = 22,
    ProcessSessionInformation = 24,
    ProcessWow64Information = 26,
    ProcessImageFileName = 27,
    ProcessBreakOnTermination = 29,
    ProcessImageFileNameWin32 = 43,
    MaxProcessInfoClass = 100
} PROCESSINFOCLASS;

typedef struct _PROCESS_BASIC_INFORMATION {
    NTSTATUS ExitStatus;
    PVOID PebBaseAddress;
    ULONG_PTR AffinityMask;
    KPRIORITY BasePriority;
    ULONG_PTR UniqueProcessId;
    ULONG_PTR InheritedFromUniqueProcessId;
} PROCESS_BASIC_INFORMATION, *PPROCESS_BASIC_INFORMATION;

/* ---- virtual memory ------------------------------------------------------- */
#define PAGE_NOACCESS 0x01
#define PAGE_READONLY 0x02
#define PAGE_READWRITE 0x04
#define PAGE_WRITECOPY 0x08
#define PAGE_EXECUTE 0x10
#define PAGE_EXECUTE_READ 0x20
#define PAGE_EXECUTE_READWRITE 0x40
#define PAGE_EXECUTE_WRITECOPY 0x80
#define PAGE_GUARD 0x100
#define PAGE_NOCACHE 0x200
#define MEM_COMMIT 0x00001000
#define MEM_RESERVE 0x00002000
#define MEM_DECOMMIT 0x00004000
#define MEM_RELEASE 0x00008000
#define MEM_FREE 0x00010000
#define MEM_PRIVATE 0x00020000
#define MEM_TOP_DOWN 0x00100000

/* ---- security ------------------------------------------------------------- */
typedef PVOID PACCESS_TOKEN;
typedef struct _PRIVILEGE_SET *PPRIVILEGE_SET;

typedef enum _SECURITY_IMPERSONATION_LEVEL {
    SecurityAnonymous,
    SecurityIdentification,
    SecurityImpersonation,
    SecurityDelegation
} SECURITY_IMPERSONATION_LEVEL, *PSECURITY_IMPERSONATION_LEVEL;

typedef struct _SECURITY_SUBJECT_CONTEXT {
    PACCESS_TOKEN ClientToken;
    SECURITY_IMPERSONATION_LEVEL ImpersonationLevel;
    PACCESS_TOKEN PrimaryToken;
    PVOID ProcessAuditId;
} SECURITY_SUBJECT_CONTEXT, *PSECURITY_SUBJECT_CONTEXT;

#define SE_MIN_WELL_KNOWN_PRIVILEGE 2L
#define SE_CREATE_TOKEN_PRIVILEGE 2L
#define SE_ASSIGNPRIMARYTOKEN_PRIVILEGE 3L
#define SE_LOCK_MEMORY_PRIVILEGE 4L
#define SE_INCREASE_QUOTA_PRIVILEGE 5L
#define SE_TCB_PRIVILEGE 7L
#define SE_SECURITY_PRIVILEGE 8L
#define SE_TAKE_OWNERSHIP_PRIVILEGE 9L
#define SE_LOAD_DRIVER_PRIVILEGE 10L
#define SE_SYSTEMTIME_PRIVILEGE 12L
#define SE_BACKUP_PRIVILEGE 17L
#define SE_RESTORE_PRIVILEGE 18L
#define SE_SHUTDOWN_PRIVILEGE 19L
#define SE_DEBUG_PRIVILEGE 20L
#define SE_CHANGE_NOTIFY_PRIVILEGE 23L
#define SE_MANAGE_VOLUME_PRIVILEGE 28L
#define SE_IMPERSONATE_PRIVILEGE 29L
#define SE_MAX_WELL_KNOWN_PRIVILEGE 36L

extern NTKERNELAPI POBJECT_TYPE *SeTokenObjectType;

NTKERNELAPI VOID NTAPI SeCaptureSubjectContext(_Out_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI SeReleaseSubjectContext(_Inout_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI SeLockSubjectContext(_In_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI VOID NTAPI SeUnlockSubjectContext(_In_ PSECURITY_SUBJECT_CONTEXT SubjectContext);
NTKERNELAPI BOOLEAN NTAPI SeAccessCheck(_In_ PSECURITY_DESCRIPTOR SecurityDescriptor,
                                        _In_ PSECURITY_SUBJECT_CONTEXT SubjectSecurityContext,
                                        _In_ BOOLEAN SubjectContextLocked, _In_ ACCESS_MASK DesiredAccess,
                                        _In_ ACCESS_MASK PreviouslyGrantedAccess,
                                        _Outptr_opt_ PPRIVILEGE_SET *Privileges,
                                        _In_ PGENERIC_MAPPING GenericMapping, _In_ KPROCESSOR_MODE AccessMode,
                                        _Out_ PACCESS_MASK GrantedAccess, _Out_ PNTSTATUS AccessStatus);
NTKERNELAPI BOOLEAN NTAPI SeSinglePrivilegeCheck(_In_ LUID PrivilegeValue, _In_ KPROCESSOR_MODE PreviousMode);
NTKERNELAPI BOOLEAN NTAPI SeTokenIsAdmin(_In_ PACCESS_TOKEN Token);
NTKERNELAPI NTSTATUS NTAPI SeQueryAuthenticationIdToken(_In_ PACCESS_TOKEN Token, _Out_ PLUID AuthenticationId);
NTKERNELAPI PACCESS_TOKEN NTAPI PsReferencePrimaryToken(_Inout_ PEPROCESS Process);
NTKERNELAPI VOID NTAPI PsDereferencePrimaryToken(_In_ PACCESS_TOKEN PrimaryToken);

FORCEINLINE LUID RtlConvertLongToLuid(_In_ LONG Long)
{
    LUID TempLuid;
    TempLuid.LowPart = (ULONG)Long;
    TempLuid.HighPart = (Long < 0) ? -1 : 0;
    return TempLuid;
}

/* ---- objects and I/O -------------------------------------------------------- */
NTKERNELAPI NTSTATUS NTAPI ObOpenObjectByPointer(_In_ PVOID Object, _In_ ULONG HandleAttributes,
                                                 _In_opt_ PACCESS_STATE PassedAccessState,
                                                 _In_ ACCESS_MASK DesiredAccess, _In_opt_ POBJECT_TYPE ObjectType,
                                                 _In_ KPROCESSOR_MODE AccessMode, _Out_ PHANDLE Handle);
NTKERNELAPI PIRP NTAPI IoGetTopLevelIrp(VOID);
NTKERNELAPI VOID NTAPI IoSetTopLevelIrp(_In_opt_ PIRP Irp);
NTKERNELAPI PEPROCESS NTAPI IoGetRequestorProcess(_In_ PIRP Irp);
NTKERNELAPI ULONG NTAPI IoGetRequestorProcessId(_In_ PIRP Irp);
NTKERNELAPI PEPROCESS NTAPI IoThreadToProcess(_In_ PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI PsIsThreadTerminating(_In_ PETHREAD Thread);
NTKERNELAPI NTSTATUS NTAPI PsGetProcessExitStatus(_In_ PEPROCESS Process);

NTSYSAPI NTSTATUS NTAPI RtlDuplicateUnicodeString(_In_ ULONG Flags, _In_ PCUNICODE_STRING StringIn,
                                                 _Out_ PUNICODE_STRING StringOut);
#define RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE 0x00000001
#define RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING 0x00000002
NTSYSAPI BOOLEAN NTAPI RtlCreateUnicodeString(_Out_ PUNICODE_STRING DestinationString, _In_z_ PCWSTR SourceString);
NTSYSAPI NTSTATUS NTAPI RtlDowncaseUnicodeString(_When_(AllocateDestinationString, _Out_) PUNICODE_STRING DestinationString,
                                                _In_ PCUNICODE_STRING SourceString,
                                                _In_ BOOLEAN AllocateDestinationString);

/* ---- Zw routines ------------------------------------------------------------ */
NTSYSAPI NTSTATUS NTAPI ZwQueryDirectoryFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
                                             _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
                                             _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                             _Out_writes_bytes_(Length) PVOID FileInformation, _In_ ULONG Length,
                                             _In_ FILE_INFORMATION_CLASS FileInformationClass,
                                             _In_ BOOLEAN ReturnSingleEntry, _In_opt_ PUNICODE_STRING FileName,
                                             _In_ BOOLEAN RestartScan);
NTSYSAPI NTSTATUS NTAPI ZwQueryVolumeInformationFile(_In_ HANDLE FileHandle, _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                                     _Out_writes_bytes_(Length) PVOID FsInformation,
                                                     _In_ ULONG Length, _In_ FS_INFORMATION_CLASS FsInformationClass);
NTSYSAPI NTSTATUS NTAPI ZwDeviceIoControlFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
                                              _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
                                              _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_ ULONG IoControlCode,
                                              _In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer,
                                              _In_ ULONG InputBufferLength,
                                              _Out_writes_bytes_opt_(OutputBufferLength) PVOID OutputBuffer,
                                              _In_ ULONG OutputBufferLength);
NTSYSAPI NTSTATUS NTAPI ZwFsControlFile(_In_ HANDLE FileHandle, _In_opt_ HANDLE Event,
                                        _In_opt_ PIO_APC_ROUTINE ApcRoutine, _In_opt_ PVOID ApcContext,
                                        _Out_ PIO_STATUS_BLOCK IoStatusBlock, _In_ ULONG FsControlCode,
                                        _In_reads_bytes_opt_(InputBufferLength) PVOID InputBuffer,
                                        _In_ ULONG InputBufferLength,
                                        _Out_writes_bytes_opt_(OutputBufferLength) PVOID OutputBuffer,
                                        _In_ ULONG OutputBufferLength);
NTSYSAPI NTSTATUS NTAPI ZwQueryInformationProcess(_In_ HANDLE ProcessHandle,
                                                  _In_ PROCESSINFOCLASS ProcessInformationClass,
                                                  _Out_writes_bytes_(ProcessInformationLength) PVOID ProcessInformation,
                                                  _In_ ULONG ProcessInformationLength,
                                                  _Out_opt_ PULONG ReturnLength);
NTSYSAPI NTSTATUS NTAPI ZwAllocateVirtualMemory(_In_ HANDLE ProcessHandle, _Inout_ PVOID *BaseAddress,
                                                _In_ ULONG_PTR ZeroBits, _Inout_ PSIZE_T RegionSize,
                                                _In_ ULONG AllocationType, _In_ ULONG Protect);
NTSYSAPI NTSTATUS NTAPI ZwFreeVirtualMemory(_In_ HANDLE ProcessHandle, _Inout_ PVOID *BaseAddress,
                                            _Inout_ PSIZE_T RegionSize, _In_ ULONG FreeType);
NTSYSAPI NTSTATUS NTAPI ZwWaitForSingleObject(_In_ HANDLE Handle, _In_ BOOLEAN Alertable,
                                              _In_opt_ PLARGE_INTEGER Timeout);
NTSYSAPI NTSTATUS NTAPI ZwDuplicateObject(_In_ HANDLE SourceProcessHandle, _In_ HANDLE SourceHandle,
                                          _In_opt_ HANDLE TargetProcessHandle, _Out_opt_ PHANDLE TargetHandle,
                                          _In_ ACCESS_MASK DesiredAccess, _In_ ULONG HandleAttributes,
                                          _In_ ULONG Options);

/* ---- FsRtl ------------------------------------------------------------------ */
NTKERNELAPI BOOLEAN NTAPI FsRtlIsNameInExpression(_In_ PUNICODE_STRING Expression, _In_ PUNICODE_STRING Name,
                                                  _In_ BOOLEAN IgnoreCase, _In_opt_ PWCH UpcaseTable);
NTKERNELAPI BOOLEAN NTAPI FsRtlDoesNameContainWildCards(_In_ PUNICODE_STRING Name);
NTKERNELAPI BOOLEAN NTAPI FsRtlAreNamesEqual(_In_ PCUNICODE_STRING ConstantNameA,
                                             _In_ PCUNICODE_STRING ConstantNameB, _In_ BOOLEAN IgnoreCase,
                                             _In_reads_opt_(0x10000) PCWCH UpcaseTable);
NTKERNELAPI NTSTATUS NTAPI FsRtlGetFileSize(_In_ PFILE_OBJECT FileObject, _Out_ PLARGE_INTEGER FileSize);

EXTERN_C_END

#endif /* UMASHIM_NTIFS_H */
#endif /* _NTIFS_ */
