/*
 * umashim_rtl.h - umalint WDK shim: run-time library (Rtl) routines, list
 * helpers, debug output and assertions.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). Included by
 * wdm.h; do not include directly.
 *
 * RtlCopyMemory, RtlMoveMemory, RtlFillMemory, RtlZeroMemory and
 * RtlEqualMemory are macros over memcpy/memmove/memset/memcmp, spelled the
 * way the WDK spells them (umalint recognises these macro spellings).
 */
#ifndef UMASHIM_RTL_H
#define UMASHIM_RTL_H

#include <ntdef.h>

EXTERN_C_START

/* ---- memory ------------------------------------------------------------- */
#define RtlEqualMemory(Destination, Source, Length) (!memcmp((Destination), (Source), (Length)))
#define RtlMoveMemory(Destination, Source, Length) memmove((Destination), (Source), (Length))
#define RtlCopyMemory(Destination, Source, Length) memcpy((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill) memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length) memset((Destination), 0, (Length))
#define RtlCopyBytes RtlCopyMemory
#define RtlZeroBytes RtlZeroMemory
#define RtlFillBytes RtlFillMemory
#define RtlCopyMemoryNonTemporal RtlCopyMemory

NTSYSAPI SIZE_T NTAPI RtlCompareMemory(_In_ const VOID *Source1, _In_ const VOID *Source2, _In_ SIZE_T Length);
NTSYSAPI SIZE_T NTAPI RtlCompareMemoryUlong(_In_reads_bytes_(Length) PVOID Source, _In_ SIZE_T Length,
                                            _In_ ULONG Pattern);

/* Zeroing that the compiler may not remove (volatile stores). */
FORCEINLINE PVOID RtlSecureZeroMemory(_Out_writes_bytes_all_(cnt) PVOID ptr, _In_ SIZE_T cnt)
{
    volatile char *vptr = (volatile char *)ptr;
    while (cnt != 0) {
        *vptr = 0;
        vptr++;
        cnt--;
    }
    return ptr;
}

/* Volatile memory routines: every byte is accessed exactly once. */
FORCEINLINE volatile void *RtlCopyVolatileMemory(_Out_writes_bytes_all_(Length) volatile void *Destination,
                                                 _In_reads_bytes_(Length) volatile const void *Source,
                                                 _In_ size_t Length)
{
    volatile unsigned char *d = (volatile unsigned char *)Destination;
    volatile const unsigned char *s = (volatile const unsigned char *)Source;
    while (Length != 0) {
        *d++ = *s++;
        Length--;
    }
    return Destination;
}

FORCEINLINE volatile void *RtlMoveVolatileMemory(_Out_writes_bytes_all_(Length) volatile void *Destination,
                                                 _In_reads_bytes_(Length) volatile const void *Source,
                                                 _In_ size_t Length)
{
    volatile unsigned char *d = (volatile unsigned char *)Destination;
    volatile const unsigned char *s = (volatile const unsigned char *)Source;
    if ((ULONG_PTR)d <= (ULONG_PTR)s || (ULONG_PTR)d >= (ULONG_PTR)s + Length) {
        while (Length != 0) {
            *d++ = *s++;
            Length--;
        }
    } else {
        while (Length != 0) {
            Length--;
            d[Length] = s[Length];
        }
    }
    return Destination;
}

FORCEINLINE volatile void *RtlSetVolatileMemory(_Out_writes_bytes_all_(Length) volatile void *Destination,
                                                _In_ int Fill, _In_ size_t Length)
{
    volatile unsigned char *d = (volatile unsigned char *)Destination;
    while (Length != 0) {
        *d++ = (unsigned char)Fill;
        Length--;
    }
    return Destination;
}

FORCEINLINE volatile void *RtlFillVolatileMemory(_Out_writes_bytes_all_(Length) volatile void *Destination,
                                                 _In_ size_t Length, _In_ int Fill)
{
    return RtlSetVolatileMemory(Destination, Fill, Length);
}

FORCEINLINE volatile void *RtlZeroVolatileMemory(_Out_writes_bytes_all_(Length) volatile void *Destination,
                                                 _In_ size_t Length)
{
    return RtlSetVolatileMemory(Destination, 0, Length);
}

#define RtlCopyDeviceMemory RtlCopyVolatileMemory
#define RtlFillDeviceMemory RtlFillVolatileMemory
#define RtlZeroDeviceMemory RtlZeroVolatileMemory

/* ---- strings ------------------------------------------------------------ */
NTSYSAPI VOID NTAPI RtlInitUnicodeString(_Out_ PUNICODE_STRING DestinationString, _In_opt_z_ PCWSTR SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitUnicodeStringEx(_Out_ PUNICODE_STRING DestinationString,
                                              _In_opt_z_ PCWSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(_Out_ PANSI_STRING DestinationString, _In_opt_z_ PCSTR SourceString);
NTSYSAPI NTSTATUS NTAPI RtlInitAnsiStringEx(_Out_ PANSI_STRING DestinationString, _In_opt_z_ PCSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitString(_Out_ PSTRING DestinationString, _In_opt_z_ PCSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitUTF8String(_Out_ PUTF8_STRING DestinationString, _In_opt_z_ PCSTR SourceString);
NTSYSAPI VOID NTAPI RtlCopyUnicodeString(_Inout_ PUNICODE_STRING DestinationString,
                                        _In_opt_ PCUNICODE_STRING SourceString);
NTSYSAPI VOID NTAPI RtlCopyString(_Out_ PSTRING DestinationString, _In_opt_ const STRING *SourceString);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(_Inout_ PUNICODE_STRING Destination,
                                                      _In_ PCUNICODE_STRING Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(_Inout_ PUNICODE_STRING Destination, _In_opt_z_ PCWSTR Source);
NTSYSAPI LONG NTAPI RtlCompareUnicodeString(_In_ PCUNICODE_STRING String1, _In_ PCUNICODE_STRING String2,
                                           _In_ BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(_In_ PCUNICODE_STRING String1, _In_ PCUNICODE_STRING String2,
                                            _In_ BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlPrefixUnicodeString(_In_ PCUNICODE_STRING String1, _In_ PCUNICODE_STRING String2,
                                             _In_ BOOLEAN CaseInSensitive);
NTSYSAPI LONG NTAPI RtlCompareString(_In_ const STRING *String1, _In_ const STRING *String2,
                                    _In_ BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualString(_In_ const STRING *String1, _In_ const STRING *String2,
                                     _In_ BOOLEAN CaseInSensitive);
NTSYSAPI VOID NTAPI RtlFreeUnicodeString(_Inout_ PUNICODE_STRING UnicodeString);
NTSYSAPI VOID NTAPI RtlFreeAnsiString(_Inout_ PANSI_STRING AnsiString);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToAnsiString(_When_(AllocateDestinationString, _Out_) PANSI_STRING DestinationString,
                                                    _In_ PCUNICODE_STRING SourceString,
                                                    _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlAnsiStringToUnicodeString(_When_(AllocateDestinationString, _Out_) PUNICODE_STRING DestinationString,
                                                    _In_ PCANSI_STRING SourceString,
                                                    _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeString(_When_(AllocateDestinationString, _Out_) PUNICODE_STRING DestinationString,
                                              _In_ PCUNICODE_STRING SourceString,
                                              _In_ BOOLEAN AllocateDestinationString);
NTSYSAPI WCHAR NTAPI RtlUpcaseUnicodeChar(_In_ WCHAR SourceCharacter);
NTSYSAPI NTSTATUS NTAPI RtlIntegerToUnicodeString(_In_ ULONG Value, _In_opt_ ULONG Base,
                                                 _Inout_ PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlInt64ToUnicodeString(_In_ ULONGLONG Value, _In_opt_ ULONG Base,
                                               _Inout_ PUNICODE_STRING String);
NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToInteger(_In_ PCUNICODE_STRING String, _In_opt_ ULONG Base,
                                                 _Out_ PULONG Value);
NTSYSAPI NTSTATUS NTAPI RtlCharToInteger(_In_z_ PCSZ String, _In_opt_ ULONG Base, _Out_ PULONG Value);
NTSYSAPI NTSTATUS NTAPI RtlGUIDFromString(_In_ PCUNICODE_STRING GuidString, _Out_ GUID *Guid);
NTSYSAPI NTSTATUS NTAPI RtlStringFromGUID(_In_ REFGUID Guid, _Out_ PUNICODE_STRING GuidString);
NTSYSAPI ULONG NTAPI RtlxUnicodeStringToAnsiSize(_In_ PCUNICODE_STRING UnicodeString);
NTSYSAPI ULONG NTAPI RtlxAnsiStringToUnicodeSize(_In_ PCANSI_STRING AnsiString);
#define RtlUnicodeStringToAnsiSize(STRING) RtlxUnicodeStringToAnsiSize(STRING)
#define RtlAnsiStringToUnicodeSize(STRING) RtlxAnsiStringToUnicodeSize(STRING)

/* ---- misc --------------------------------------------------------------- */
typedef struct _OSVERSIONINFOW {
    ULONG dwOSVersionInfoSize;
    ULONG dwMajorVersion;
    ULONG dwMinorVersion;
    ULONG dwBuildNumber;
    ULONG dwPlatformId;
    WCHAR szCSDVersion[128];
} OSVERSIONINFOW, *POSVERSIONINFOW, *LPOSVERSIONINFOW, RTL_OSVERSIONINFOW, *PRTL_OSVERSIONINFOW;

NTSYSAPI NTSTATUS NTAPI RtlGetVersion(_Out_ PRTL_OSVERSIONINFOW lpVersionInformation);
NTSYSAPI ULONG NTAPI RtlRandomEx(_Inout_ PULONG Seed);
NTSYSAPI USHORT FASTCALL RtlUshortByteSwap(_In_ USHORT Source);
NTSYSAPI ULONG FASTCALL RtlUlongByteSwap(_In_ ULONG Source);
NTSYSAPI ULONGLONG FASTCALL RtlUlonglongByteSwap(_In_ ULONGLONG Source);
NTSYSAPI VOID NTAPI RtlAssert(_In_ PVOID VoidFailedAssertion, _In_ PVOID VoidFileName, _In_ ULONG LineNumber,
                              _In_opt_ PSTR MutableMessage);
NTSYSAPI USHORT NTAPI RtlCaptureStackBackTrace(_In_ ULONG FramesToSkip, _In_ ULONG FramesToCapture,
                                               _Out_writes_to_(FramesToCapture, return) PVOID *BackTrace,
                                               _Out_opt_ PULONG BackTraceHash);

/* ---- fast fail ---------------------------------------------------------- */
#define FAST_FAIL_LEGACY_GS_VIOLATION 0
#define FAST_FAIL_VTGUARD_CHECK_FAILURE 1
#define FAST_FAIL_STACK_COOKIE_CHECK_FAILURE 2
#define FAST_FAIL_CORRUPT_LIST_ENTRY 3
#define FAST_FAIL_INCORRECT_STACK 4
#define FAST_FAIL_INVALID_ARG 5
#define FAST_FAIL_GS_COOKIE_INIT 6
#define FAST_FAIL_FATAL_APP_EXIT 7
#define FAST_FAIL_RANGE_CHECK_FAILURE 8
#define FAST_FAIL_INVALID_BUFFER_ACCESS 28
#define FAST_FAIL_INVALID_FAST_FAIL_CODE 0xFFFFFFFF
#define RtlFailFast(Code) __fastfail(Code)

/* ---- doubly and singly linked lists ------------------------------------- */
FORCEINLINE VOID InitializeListHead(_Out_ PLIST_ENTRY ListHead)
{
    ListHead->Flink = ListHead->Blink = ListHead;
}

_Must_inspect_result_
FORCEINLINE BOOLEAN IsListEmpty(_In_ const LIST_ENTRY *ListHead)
{
    return (BOOLEAN)(ListHead->Flink == ListHead);
}

FORCEINLINE BOOLEAN RemoveEntryList(_In_ PLIST_ENTRY Entry)
{
    PLIST_ENTRY PrevEntry = Entry->Blink;
    PLIST_ENTRY NextEntry = Entry->Flink;
    PrevEntry->Flink = NextEntry;
    NextEntry->Blink = PrevEntry;
    return (BOOLEAN)(PrevEntry == NextEntry);
}

FORCEINLINE PLIST_ENTRY RemoveHeadList(_Inout_ PLIST_ENTRY ListHead)
{
    PLIST_ENTRY Entry = ListHead->Flink;
    PLIST_ENTRY NextEntry = Entry->Flink;
    ListHead->Flink = NextEntry;
    NextEntry->Blink = ListHead;
    return Entry;
}

FORCEINLINE PLIST_ENTRY RemoveTailList(_Inout_ PLIST_ENTRY ListHead)
{
    PLIST_ENTRY Entry = ListHead->Blink;
    PLIST_ENTRY PrevEntry = Entry->Blink;
    ListHead->Blink = PrevEntry;
    PrevEntry->Flink = ListHead;
    return Entry;
}

FORCEINLINE VOID InsertTailList(_Inout_ PLIST_ENTRY ListHead, _Out_ PLIST_ENTRY Entry)
{
    PLIST_ENTRY PrevEntry = ListHead->Blink;
    Entry->Flink = ListHead;
    Entry->Blink = PrevEntry;
    PrevEntry->Flink = Entry;
    ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(_Inout_ PLIST_ENTRY ListHead, _Out_ PLIST_ENTRY Entry)
{
    PLIST_ENTRY NextEntry = ListHead->Flink;
    Entry->Flink = NextEntry;
    Entry->Blink = ListHead;
    NextEntry->Blink = Entry;
    ListHead->Flink = Entry;
}

FORCEINLINE VOID AppendTailList(_Inout_ PLIST_ENTRY ListHead, _Inout_ PLIST_ENTRY ListToAppend)
{
    PLIST_ENTRY ListEnd = ListHead->Blink;
    ListHead->Blink->Flink = ListToAppend;
    ListHead->Blink = ListToAppend->Blink;
    ListToAppend->Blink->Flink = ListHead;
    ListToAppend->Blink = ListEnd;
}

FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead)
{
    PSINGLE_LIST_ENTRY FirstEntry = ListHead->Next;
    if (FirstEntry != NULL) {
        ListHead->Next = FirstEntry->Next;
    }
    return FirstEntry;
}

FORCEINLINE VOID PushEntryList(_Inout_ PSINGLE_LIST_ENTRY ListHead, _Inout_ PSINGLE_LIST_ENTRY Entry)
{
    Entry->Next = ListHead->Next;
    ListHead->Next = Entry;
}

/* ---- debug output and assertions ---------------------------------------- */
#define DPFLTR_ERROR_LEVEL 0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL 2
#define DPFLTR_INFO_LEVEL 3
#define DPFLTR_MASK 0x80000000
#define DPFLTR_SYSTEM_ID 0
#define DPFLTR_IHVVIDEO_ID 23
#define DPFLTR_IHVAUDIO_ID 24
#define DPFLTR_IHVNETWORK_ID 25
#define DPFLTR_IHVSTREAMING_ID 26
#define DPFLTR_IHVBUS_ID 27
#define DPFLTR_IHVDRIVER_ID 77
#define DPFLTR_DEFAULT_ID 101

NTSYSAPI ULONG __cdecl DbgPrint(_In_z_ _Printf_format_string_ PCSTR Format, ...);
NTSYSAPI ULONG __cdecl DbgPrintEx(_In_ ULONG ComponentId, _In_ ULONG Level,
                                  _In_z_ _Printf_format_string_ PCSTR Format, ...);
NTSYSAPI ULONG NTAPI vDbgPrintEx(_In_ ULONG ComponentId, _In_ ULONG Level, _In_z_ PCCH Format,
                                 _In_ va_list arglist);
NTSYSAPI VOID NTAPI DbgBreakPoint(VOID);
NTSYSAPI VOID NTAPI DbgBreakPointWithStatus(_In_ ULONG Status);

/* The debug-print and assertion macros always expand (as in a checked
 * build), so umalint sees their arguments. */
#define KdPrint(_x_) DbgPrint _x_
#define KdPrintEx(_x_) DbgPrintEx _x_
#define vKdPrintEx(_x_) vDbgPrintEx _x_
#define KdBreakPoint() DbgBreakPoint()
#define KdBreakPointWithStatus(s) DbgBreakPointWithStatus(s)
#ifndef DBG
#define DBG 0
#endif

#define ASSERT(exp) \
    ((void)((exp) ? 1 : (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, NULL), 0)))
#define ASSERTMSG(msg, exp) \
    ((void)((exp) ? 1 : (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, (PSTR)(msg)), 0)))
#define RTL_SOFT_ASSERT(exp) ASSERT(exp)
#define RTL_SOFT_ASSERTMSG(msg, exp) ASSERTMSG(msg, exp)
#define NT_ASSERT(exp) ASSERT(exp)
#define NT_ASSERTMSG(msg, exp) ASSERTMSG(msg, exp)
#define NT_ASSERTMSGW(msg, exp) ASSERT(exp)
#define NT_ASSERT_ASSUME(exp) ASSERT(exp)
#define NT_ASSERT_NOASSUME(exp) ASSERT(exp)
#define NT_VERIFY(exp) ((exp) ? TRUE : (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, NULL), FALSE))
#define NT_VERIFYMSG(msg, exp) ((exp) ? TRUE : (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, (PSTR)(msg)), FALSE))
#define NT_FRE_ASSERT(exp) ASSERT(exp)

EXTERN_C_END

#endif /* UMASHIM_RTL_H */
