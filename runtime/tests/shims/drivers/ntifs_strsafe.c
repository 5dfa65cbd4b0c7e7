/*
 * ntifs_strsafe.c - a driver fragment using ntifs.h and ntstrsafe.h: a
 * process-notify callback, a directory query, security checks and safe
 * string formatting. Test input: it must parse cleanly.
 */
#include <ntifs.h>
#include <ntstrsafe.h>

#define NAME_TAG 'maNF'

static VOID NTAPI OnProcessNotify(PEPROCESS Process, HANDLE ProcessId, PPS_CREATE_NOTIFY_INFO CreateInfo)
{
    WCHAR buffer[64];
    CHAR ansi[64];
    size_t length = 0;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(Process);
    if (CreateInfo == NULL) {
        return;
    }
    status = RtlStringCbPrintfW(buffer, sizeof(buffer), L"pid=%p", ProcessId);
    if (NT_SUCCESS(status)) {
        status = RtlStringCbLengthW(buffer, sizeof(buffer), &length);
    }
    if (NT_SUCCESS(status)) {
        status = RtlStringCchCopyA(ansi, RTL_NUMBER_OF(ansi), "created");
    }
    if (NT_SUCCESS(status) && CreateInfo->ImageFileName != NULL) {
        UNICODE_STRING copy;
        copy.Buffer = (PWCH)ExAllocatePool2(POOL_FLAG_PAGED, CreateInfo->ImageFileName->Length, NAME_TAG);
        if (copy.Buffer != NULL) {
            copy.Length = 0;
            copy.MaximumLength = CreateInfo->ImageFileName->Length;
            (void)RtlUnicodeStringCopy(&copy, CreateInfo->ImageFileName);
            ExFreePoolWithTag(copy.Buffer, NAME_TAG);
        }
    }
    DbgPrint("%s %Iu\n", ansi, length);
}

static NTSTATUS ListDirectory(PUNICODE_STRING Path)
{
    OBJECT_ATTRIBUTES oa;
    IO_STATUS_BLOCK iosb;
    HANDLE handle;
    NTSTATUS status;
    PFILE_DIRECTORY_INFORMATION info;
    ULONG size = 4096;

    InitializeObjectAttributes(&oa, Path, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    status = ZwCreateFile(&handle, FILE_LIST_DIRECTORY | SYNCHRONIZE, &oa, &iosb, NULL, FILE_ATTRIBUTE_NORMAL,
                          FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN,
                          FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, NULL, 0);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    info = (PFILE_DIRECTORY_INFORMATION)ExAllocatePoolZero(PagedPool, size, NAME_TAG);
    if (info == NULL) {
        ZwClose(handle);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = ZwQueryDirectoryFile(handle, NULL, NULL, NULL, &iosb, info, size, FileDirectoryInformation, FALSE,
                                  NULL, TRUE);
    while (NT_SUCCESS(status)) {
        UNICODE_STRING name;
        UNICODE_STRING pattern = RTL_CONSTANT_STRING(L"*.SYS");
        name.Buffer = info->FileName;
        name.Length = (USHORT)info->FileNameLength;
        name.MaximumLength = name.Length;
        if (FsRtlIsNameInExpression(&pattern, &name, TRUE, NULL)) {
            KdPrint(("match %wZ\n", &name));
        }
        if (info->NextEntryOffset == 0) {
            break;
        }
        info = (PFILE_DIRECTORY_INFORMATION)((PUCHAR)info + info->NextEntryOffset);
    }
    ExFreePool(info);
    ZwClose(handle);
    return STATUS_SUCCESS;
}

NTSTATUS CheckCaller(VOID)
{
    LUID debugPrivilege = RtlConvertLongToLuid(SE_DEBUG_PRIVILEGE);
    PEPROCESS process;
    NTSTATUS status = PsLookupProcessByProcessId(PsGetCurrentProcessId(), &process);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    if (!SeSinglePrivilegeCheck(debugPrivilege, ExGetPreviousMode())) {
        status = STATUS_PRIVILEGE_NOT_HELD;
    }
    ObDereferenceObject(process);
    return status;
}

NTSTATUS RegisterAll(PUNICODE_STRING Path)
{
    NTSTATUS status = PsSetCreateProcessNotifyRoutineEx(OnProcessNotify, FALSE);
    if (NT_SUCCESS(status)) {
        status = ListDirectory(Path);
    }
    return status;
}
