/*
 * demo_syscall.c - system-call style entry points (as in a kernel component
 * that adds its own services). Parameters of __kernel_entry functions come
 * straight from user mode when PreviousMode is UserMode.
 */
#include <ntddk.h>
#include <usermode_accessors.h>

#define DEMO_MAX_NAME 64

typedef struct _DEMO_OBJECT_INFO {
    ULONG Id;
    ULONG Flags;
    UNICODE_STRING Name;
} DEMO_OBJECT_INFO, *PDEMO_OBJECT_INFO;

typedef struct _DEMO_QUERY {
    ULONG InfoClass;
    ULONG BufferLength;
    PVOID Buffer;
} DEMO_QUERY, *PDEMO_QUERY;

NTSTATUS DemoLookupObject(ULONG Id, PDEMO_OBJECT_INFO Info);

/* Correct: everything read once through accessors, validated on the copy. */
__kernel_entry NTSTATUS NtDemoQueryObject(ULONG Id, PDEMO_QUERY Query, PULONG ReturnLength)
{
    KPROCESSOR_MODE PreviousMode = ExGetPreviousMode();
    DEMO_QUERY Captured;
    DEMO_OBJECT_INFO Info;
    NTSTATUS Status;

    __try {
        ReadStructFromModeAligned(&Captured, Query, PreviousMode, TYPE_ALIGNMENT(DEMO_QUERY));
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    if (Captured.InfoClass != 0)
        return STATUS_INVALID_PARAMETER;
    if (Captured.BufferLength < sizeof(ULONG) * 2)
        return STATUS_BUFFER_TOO_SMALL;

    Status = DemoLookupObject(Id, &Info);
    if (!NT_SUCCESS(Status))
        return Status;

    __try {
        WriteULongToMode((PULONG)Captured.Buffer, Info.Id, PreviousMode);
        WriteULongToMode((PULONG)Captured.Buffer + 1, Info.Flags, PreviousMode);
        if (ReturnLength != NULL)
            WriteULongToMode(ReturnLength, sizeof(ULONG) * 2, PreviousMode);
    } __except (UmaExceptionFilter(PreviousMode)) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

/* Buggy: the caller's pointers are used directly. */
__kernel_entry NTSTATUS NtDemoSetObjectName(ULONG Id, PUNICODE_STRING Name)
{
    WCHAR Buffer[DEMO_MAX_NAME];
    USHORT Length;

    UNREFERENCED_PARAMETER(Id);
    if (Name->Length > sizeof(Buffer)) // expect: UM1001, UM1002
        return STATUS_NAME_TOO_LONG;
    __try {
        ProbeForRead(Name->Buffer, Name->Length, sizeof(WCHAR)); // expect: UM1001, UM1001, UM1003
        RtlCopyMemory(Buffer, Name->Buffer, Name->Length); // expect: UM2001, UM1001, UM1003, UM1001, UM1003
        Length = Name->Length; // expect: UM1001, UM1003
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

/* Buggy: the out parameter is written without a probe and outside __try. */
__kernel_entry NTSTATUS NtDemoGetCounter(PULONG64 Counter)
{
    static ULONG64 DemoCounter;
    *Counter = InterlockedIncrement64((LONG64 volatile *)&DemoCounter); // expect: UM1001, UM1002
    return STATUS_SUCCESS;
}
