/*
 * umashim_platform.h - umalint WDK shim: mode detection and compiler keywords.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text).
 *
 * Two modes:
 *   - Windows target (clang --target=x86_64-pc-windows-msvc, or MSVC):
 *     detected by _WIN32 or _MSC_VER; UMASHIM_WINDOWS is defined to 1.
 *     No C library headers exist there; only the compiler's freestanding
 *     headers are used and the few CRT functions are declared here.
 *   - Host mode (gcc/clang on Linux x86_64, -std=c11): UMASHIM_HOST is
 *     defined to 1; the MSVC keywords (__declspec, __stdcall, __int64, ...)
 *     are mapped to GNU C spellings or removed.
 */
#ifndef UMASHIM_PLATFORM_H
#define UMASHIM_PLATFORM_H

#if defined(_WIN32) || defined(_MSC_VER)
#  define UMASHIM_WINDOWS 1
#else
#  define UMASHIM_HOST 1
#endif

#if defined(UMASHIM_HOST)
/* The runtime's excpt.h needs POSIX sigsetjmp; under a strict -std=c11 the
 * feature macro must be set before the first libc header (<stdint.h> just
 * below), so apply excpt.h's own fallback here already. */
#  if defined(__STRICT_ANSI__) && !defined(_POSIX_C_SOURCE) && \
      !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)
#    define _POSIX_C_SOURCE 200809L
#  endif
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#if defined(UMASHIM_HOST)
#  include <string.h>
#endif

/* ---- MSVC keywords in host mode ---------------------------------------- */
#if defined(UMASHIM_HOST)
#  ifndef __declspec
#    define __declspec(x)
#  endif
#  ifndef __cdecl
#    define __cdecl
#  endif
#  ifndef __stdcall
#    define __stdcall
#  endif
#  ifndef __fastcall
#    define __fastcall
#  endif
#  ifndef __thiscall
#    define __thiscall
#  endif
#  ifndef __vectorcall
#    define __vectorcall
#  endif
#  ifndef __forceinline
#    define __forceinline __inline__ __attribute__((__always_inline__))
#  endif
#  ifndef __int8
#    define __int8 char
#  endif
#  ifndef __int16
#    define __int16 short
#  endif
#  ifndef __int32
#    define __int32 int
#  endif
#  ifndef __int64
#    define __int64 long long
#  endif
#  ifndef __ptr64
#    define __ptr64
#  endif
#  ifndef __ptr32
#    define __ptr32
#  endif
#  ifndef __unaligned
#    define __unaligned
#  endif
#  ifndef __restrict__
#    define __restrict__ __restrict
#  endif
#endif /* UMASHIM_HOST */

/* Marks inline functions that a macro expands into the user's own file
 * (host mode makes FORCEINLINE static, and clang warns about unused static
 * functions of the main file). */
#if defined(UMASHIM_HOST)
#  define UMASHIM_MAYBE_UNUSED __attribute__((__unused__))
#else
#  define UMASHIM_MAYBE_UNUSED
#endif

/* ---- C library functions used by the Rtl macros ------------------------- */
#if defined(UMASHIM_WINDOWS)
#  ifdef __cplusplus
extern "C" {
#  endif
void *__cdecl memcpy(void *_Dst, const void *_Src, size_t _Size);
void *__cdecl memmove(void *_Dst, const void *_Src, size_t _Size);
void *__cdecl memset(void *_Dst, int _Val, size_t _Size);
int __cdecl memcmp(const void *_Buf1, const void *_Buf2, size_t _Size);
void *__cdecl memchr(const void *_Buf, int _Val, size_t _MaxCount);
size_t __cdecl strlen(const char *_Str);
size_t __cdecl strnlen(const char *_Str, size_t _MaxCount);
int __cdecl strcmp(const char *_Str1, const char *_Str2);
int __cdecl strncmp(const char *_Str1, const char *_Str2, size_t _MaxCount);
char *__cdecl strcpy(char *_Dst, const char *_Src);
char *__cdecl strncpy(char *_Dst, const char *_Src, size_t _Count);
char *__cdecl strcat(char *_Dst, const char *_Src);
char *__cdecl strchr(const char *_Str, int _Val);
char *__cdecl strstr(const char *_Str, const char *_SubStr);
size_t __cdecl wcslen(const wchar_t *_Str);
size_t __cdecl wcsnlen(const wchar_t *_Src, size_t _MaxCount);
int __cdecl wcscmp(const wchar_t *_Str1, const wchar_t *_Str2);
int __cdecl wcsncmp(const wchar_t *_Str1, const wchar_t *_Str2, size_t _MaxCount);
wchar_t *__cdecl wcscpy(wchar_t *_Dst, const wchar_t *_Src);
wchar_t *__cdecl wcsncpy(wchar_t *_Dst, const wchar_t *_Src, size_t _Count);
wchar_t *__cdecl wcscat(wchar_t *_Dst, const wchar_t *_Src);
wchar_t *__cdecl wcschr(const wchar_t *_Str, wchar_t _Ch);
int __cdecl _stricmp(const char *_Str1, const char *_Str2);
int __cdecl _wcsicmp(const wchar_t *_Str1, const wchar_t *_Str2);
int __cdecl _vsnprintf(char *_Buf, size_t _Count, const char *_Fmt, va_list _Args);
int __cdecl _snprintf(char *_Buf, size_t _Count, const char *_Fmt, ...);
int __cdecl _vsnwprintf(wchar_t *_Buf, size_t _Count, const wchar_t *_Fmt, va_list _Args);
int __cdecl _snwprintf(wchar_t *_Buf, size_t _Count, const wchar_t *_Fmt, ...);
#  ifdef __cplusplus
}
#  endif
#endif /* UMASHIM_WINDOWS */

#endif /* UMASHIM_PLATFORM_H */
