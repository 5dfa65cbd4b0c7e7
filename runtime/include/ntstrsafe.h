/*
 * ntstrsafe.h - umalint WDK shim: safe string routines for kernel mode.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). Prototypes only
 * (the WDK makes them inline functions); the Cch forms count characters,
 * the Cb forms count bytes, and truncation returns STATUS_BUFFER_OVERFLOW.
 */
#ifndef _NTSTRSAFE_H_INCLUDED_
#define _NTSTRSAFE_H_INCLUDED_
#ifndef UMASHIM_NTSTRSAFE_H
#define UMASHIM_NTSTRSAFE_H

#include <ntdef.h>

typedef char *NTSTRSAFE_PSTR;
typedef const char *NTSTRSAFE_PCSTR;
typedef WCHAR *NTSTRSAFE_PWSTR;
typedef const WCHAR *NTSTRSAFE_PCWSTR;
typedef const WCHAR *NTSTRSAFE_PCUWSTR;
typedef ULONG STRSAFE_DWORD;

#define NTSTRSAFEDDI NTSTATUS NTAPI
#define NTSTRSAFEWORKERDDI NTSTATUS NTAPI

#define NTSTRSAFE_MAX_CCH 2147483647
#define NTSTRSAFE_MAX_LENGTH (NTSTRSAFE_MAX_CCH - 1)
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(WCHAR))

#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STRSAFE_IGNORE_NULL_UNICODE_STRINGS 0x00010000
#define STRSAFE_UNICODE_STRING_DEST_NULL_TERMINATED 0x00020000
#define STRSAFE_ZERO_LENGTH_ON_FAILURE 0x00040000
#define STRSAFE_FILL_BYTE(x) ((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_ON_FAILURE))

EXTERN_C_START

/* ---- C strings ---------------------------------------------------------- */
NTSTRSAFEDDI RtlStringCchCopyW(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlStringCchCopyA(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                _In_ NTSTRSAFE_PCSTR pszSrc);

NTSTRSAFEDDI RtlStringCbCopyW(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                               _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlStringCbCopyA(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                               _In_ NTSTRSAFE_PCSTR pszSrc);

NTSTRSAFEDDI RtlStringCchCopyExW(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                  _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_result_buffer_(*pcchRemaining) NTSTRSAFE_PWSTR *ppszDestEnd,
                                  _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlStringCchCopyExA(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                  _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_result_buffer_(*pcchRemaining) NTSTRSAFE_PSTR *ppszDestEnd,
                                  _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);

NTSTRSAFEDDI RtlStringCbCopyExW(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                 _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_result_bytebuffer_(*pcbRemaining) NTSTRSAFE_PWSTR *ppszDestEnd,
                                 _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlStringCbCopyExA(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                 _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_result_bytebuffer_(*pcbRemaining) NTSTRSAFE_PSTR *ppszDestEnd,
                                 _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);

NTSTRSAFEDDI RtlStringCchCopyNW(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                 _In_reads_or_z_(cchToCopy) NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToCopy);
NTSTRSAFEDDI RtlStringCchCopyNA(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                 _In_reads_or_z_(cchToCopy) NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToCopy);

NTSTRSAFEDDI RtlStringCbCopyNW(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                _In_reads_bytes_(cbToCopy) NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToCopy);
NTSTRSAFEDDI RtlStringCbCopyNA(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                _In_reads_bytes_(cbToCopy) NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToCopy);

NTSTRSAFEDDI RtlStringCchCatW(_Inout_updates_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                               _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlStringCchCatA(_Inout_updates_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                               _In_ NTSTRSAFE_PCSTR pszSrc);

NTSTRSAFEDDI RtlStringCbCatW(_Inout_updates_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                              _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlStringCbCatA(_Inout_updates_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                              _In_ NTSTRSAFE_PCSTR pszSrc);

NTSTRSAFEDDI RtlStringCchCatExW(_Inout_updates_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                 _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_result_buffer_(*pcchRemaining) NTSTRSAFE_PWSTR *ppszDestEnd,
                                 _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlStringCchCatExA(_Inout_updates_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                 _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_result_buffer_(*pcchRemaining) NTSTRSAFE_PSTR *ppszDestEnd,
                                 _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);

NTSTRSAFEDDI RtlStringCbCatExW(_Inout_updates_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_result_bytebuffer_(*pcbRemaining) NTSTRSAFE_PWSTR *ppszDestEnd,
                                _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlStringCbCatExA(_Inout_updates_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_result_bytebuffer_(*pcbRemaining) NTSTRSAFE_PSTR *ppszDestEnd,
                                _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);

NTSTRSAFEDDI RtlStringCchCatNW(_Inout_updates_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                _In_reads_or_z_(cchToAppend) NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToAppend);
NTSTRSAFEDDI RtlStringCchCatNA(_Inout_updates_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                _In_reads_or_z_(cchToAppend) NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToAppend);

NTSTRSAFEDDI RtlStringCbCatNW(_Inout_updates_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                               _In_reads_bytes_(cbToAppend) NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToAppend);
NTSTRSAFEDDI RtlStringCbCatNA(_Inout_updates_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                               _In_reads_bytes_(cbToAppend) NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToAppend);

NTSTRSAFEDDI RtlStringCchPrintfW(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                  _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTRSAFEDDI RtlStringCchPrintfA(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                  _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);

NTSTRSAFEDDI RtlStringCbPrintfW(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                 _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTRSAFEDDI RtlStringCbPrintfA(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                 _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);

NTSTRSAFEDDI RtlStringCchPrintfExW(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                    _Outptr_opt_result_buffer_(*pcchRemaining) NTSTRSAFE_PWSTR *ppszDestEnd,
                                    _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTRSAFEDDI RtlStringCchPrintfExA(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                    _Outptr_opt_result_buffer_(*pcchRemaining) NTSTRSAFE_PSTR *ppszDestEnd,
                                    _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);

NTSTRSAFEDDI RtlStringCbPrintfExW(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                   _Outptr_opt_result_bytebuffer_(*pcbRemaining) NTSTRSAFE_PWSTR *ppszDestEnd,
                                   _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags,
                                   _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTRSAFEDDI RtlStringCbPrintfExA(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                   _Outptr_opt_result_bytebuffer_(*pcbRemaining) NTSTRSAFE_PSTR *ppszDestEnd,
                                   _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags,
                                   _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);

NTSTRSAFEDDI RtlStringCchVPrintfW(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                   _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
NTSTRSAFEDDI RtlStringCchVPrintfA(_Out_writes_(cchDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest,
                                   _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);

NTSTRSAFEDDI RtlStringCbVPrintfW(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                  _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
NTSTRSAFEDDI RtlStringCbVPrintfA(_Out_writes_bytes_(cbDest) _Always_(_Post_z_) NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest,
                                  _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);

NTSTRSAFEDDI RtlStringCchLengthW(_In_reads_or_z_(cchMax) NTSTRSAFE_PCWSTR psz, _In_ size_t cchMax,
                                  _Out_opt_ _Deref_out_range_(<, cchMax) size_t *pcchLength);
NTSTRSAFEDDI RtlStringCchLengthA(_In_reads_or_z_(cchMax) NTSTRSAFE_PCSTR psz, _In_ size_t cchMax,
                                  _Out_opt_ _Deref_out_range_(<, cchMax) size_t *pcchLength);

NTSTRSAFEDDI RtlStringCbLengthW(_In_reads_or_z_(cbMax) NTSTRSAFE_PCWSTR psz, _In_ size_t cbMax,
                                 _Out_opt_ _Deref_out_range_(<, cbMax) size_t *pcbLength);
NTSTRSAFEDDI RtlStringCbLengthA(_In_reads_or_z_(cbMax) NTSTRSAFE_PCSTR psz, _In_ size_t cbMax,
                                 _Out_opt_ _Deref_out_range_(<, cbMax) size_t *pcbLength);

/* ---- UNICODE_STRING ----------------------------------------------------- */
NTSTRSAFEDDI RtlUnicodeStringInit(_Out_ PUNICODE_STRING DestinationString, _In_opt_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlUnicodeStringInitEx(_Out_ PUNICODE_STRING DestinationString, _In_opt_ NTSTRSAFE_PCWSTR pszSrc,
                                    _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlUnicodeStringValidate(_In_opt_ PCUNICODE_STRING SourceString);
NTSTRSAFEDDI RtlUnicodeStringValidateEx(_In_opt_ PCUNICODE_STRING SourceString, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlUnicodeStringCopy(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
NTSTRSAFEDDI RtlUnicodeStringCopyString(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlUnicodeStringCopyEx(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString,
                                    _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlUnicodeStringCbCopyN(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString,
                                     _In_ size_t cbToCopy);
NTSTRSAFEDDI RtlUnicodeStringCchCopyN(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString,
                                      _In_ size_t cchToCopy);
NTSTRSAFEDDI RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
NTSTRSAFEDDI RtlUnicodeStringCatString(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc);
NTSTRSAFEDDI RtlUnicodeStringCatEx(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString,
                                   _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
NTSTRSAFEDDI RtlUnicodeStringPrintf(_Inout_ PUNICODE_STRING DestinationString,
                                    _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTRSAFEDDI RtlUnicodeStringPrintfEx(_Inout_ PUNICODE_STRING DestinationString,
                                      _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags,
                                      _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTRSAFEDDI RtlUnicodeStringVPrintf(_Inout_ PUNICODE_STRING DestinationString,
                                     _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
NTSTRSAFEDDI RtlStringCchCopyUnicodeString(_Out_writes_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                           _In_ PCUNICODE_STRING SourceString);
NTSTRSAFEDDI RtlStringCbCopyUnicodeString(_Out_writes_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                          _In_ PCUNICODE_STRING SourceString);
NTSTRSAFEDDI RtlStringCchCatUnicodeString(_Inout_updates_(cchDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest,
                                          _In_ PCUNICODE_STRING SourceString);
NTSTRSAFEDDI RtlStringCbCatUnicodeString(_Inout_updates_bytes_(cbDest) NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest,
                                         _In_ PCUNICODE_STRING SourceString);

EXTERN_C_END

#endif /* UMASHIM_NTSTRSAFE_H */
#endif /* _NTSTRSAFE_H_INCLUDED_ */
