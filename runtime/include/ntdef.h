/*
 * ntdef.h - umalint WDK shim: basic NT types and macros.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text).
 *
 * Works in two modes (see umashim_platform.h): the Windows x64 target
 * (UMASHIM_WINDOWS) and host mode on Linux x86_64 (UMASHIM_HOST). Sizes
 * follow Windows x64 in both: ULONG/LONG are 4 bytes, WCHAR is 2 bytes,
 * pointers and ULONG_PTR/SIZE_T are 8 bytes.
 *
 * For C (not C++) the old SEH spellings try/except/finally/leave are
 * defined here as __try/__except/__finally/__leave, unless
 * UMASHIM_NO_TRY_SPELLINGS is defined before the first include.
 */
#ifndef _NTDEF_
#define _NTDEF_
#ifndef UMASHIM_NTDEF_H
#define UMASHIM_NTDEF_H

#include <umashim_platform.h>
#include <sal.h>
#include <driverspecs.h>

/* ---- linkage and declaration helpers ----------------------------------- */
#ifdef __cplusplus
#  define EXTERN_C extern "C"
#  define EXTERN_C_START extern "C" {
#  define EXTERN_C_END }
#else
#  define EXTERN_C extern
#  define EXTERN_C_START
#  define EXTERN_C_END
#endif

#if defined(UMASHIM_WINDOWS)
#  define DECLSPEC_ALIGN(x) __declspec(align(x))
#  define DECLSPEC_NOINLINE __declspec(noinline)
#  define DECLSPEC_NORETURN __declspec(noreturn)
#  define DECLSPEC_NOTHROW __declspec(nothrow)
#  define DECLSPEC_SELECTANY __declspec(selectany)
#  define DECLSPEC_NOVTABLE __declspec(novtable)
#  define DECLSPEC_UUID(x) __declspec(uuid(x))
#  define DECLSPEC_RESTRICT __declspec(restrict)
#  define DECLSPEC_ALLOCATOR __declspec(allocator)
#  define DECLSPEC_IMPORT __declspec(dllimport)
#  define DECLSPEC_EXPORT __declspec(dllexport)
#  define FORCEINLINE __forceinline
#else
#  define DECLSPEC_ALIGN(x) __attribute__((__aligned__(x)))
#  define DECLSPEC_NOINLINE __attribute__((__noinline__))
#  define DECLSPEC_NORETURN __attribute__((__noreturn__))
#  define DECLSPEC_NOTHROW
#  define DECLSPEC_SELECTANY __attribute__((__weak__))
#  define DECLSPEC_NOVTABLE
#  define DECLSPEC_UUID(x)
#  define DECLSPEC_RESTRICT
#  define DECLSPEC_ALLOCATOR
#  define DECLSPEC_IMPORT
#  define DECLSPEC_EXPORT
#  define FORCEINLINE static __inline__ __attribute__((__always_inline__))
#endif
#define DECLSPEC_GUARDNOCF
#define DECLSPEC_GUARD_SUPPRESS
#define DECLSPEC_SAFEBUFFERS
#define DECLSPEC_NOSANITIZE_ADDRESS
#define DECLSPEC_ADDRSAFE
#define DECLSPEC_DEPRECATED
#define DECLSPEC_DEPRECATED_DDK
#define DECLSPEC_CHPE_GUEST
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)

#define NTAPI __stdcall
#define NTAPI_INLINE NTAPI
#define FASTCALL __fastcall
#define CALLBACK __stdcall
#ifndef NOTHING
#define NOTHING
#endif

#if defined(_NTSYSTEM_)
#  define NTKERNELAPI
#  define NTSYSAPI
#  define NTHALAPI
#else
#  define NTKERNELAPI DECLSPEC_IMPORT
#  define NTSYSAPI DECLSPEC_IMPORT
#  define NTHALAPI DECLSPEC_IMPORT
#endif
#define NTSYSCALLAPI NTSYSAPI
#define NTSTRSAFEDDI_DUMMY_

#define DECLARE_HANDLE(name) struct name##__ { int unused; }; typedef struct name##__ *name

/* Parameter-direction words of the old headers. */
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef CONST
#define CONST const
#endif
#define UNALIGNED
#define UNALIGNED64
#define RESTRICTED_POINTER
#define POINTER_64
#define POINTER_32
#define POINTER_SIGNED
#define POINTER_UNSIGNED
#define SPOINTER_32
#define UPOINTER_32
#define ANYSIZE_ARRAY 1
#define DUMMYSTRUCTNAME
#define DUMMYSTRUCTNAME2
#define DUMMYSTRUCTNAME3
#define DUMMYSTRUCTNAME4
#define DUMMYSTRUCTNAME5
#define DUMMYUNIONNAME
#define DUMMYUNIONNAME2
#define DUMMYUNIONNAME3
#define DUMMYUNIONNAME4
#define DUMMYUNIONNAME5

/* Memory allocation granularity of x64 pool (16 bytes). */
#define MEMORY_ALLOCATION_ALIGNMENT 16
#define SYSTEM_CACHE_ALIGNMENT_SIZE 64
/* Pointer-sized alignment of IO_STACK_LOCATION parameters. */
#define POINTER_ALIGNMENT DECLSPEC_ALIGN(8)

/* ---- SEH spellings (C only) -------------------------------------------- */
#if !defined(__cplusplus) && !defined(UMASHIM_NO_TRY_SPELLINGS)
#  ifndef try
#    define try __try
#  endif
#  ifndef except
#    define except __except
#  endif
#  ifndef finally
#    define finally __finally
#  endif
#  ifndef leave
#    define leave __leave
#  endif
#endif

/* ---- basic types -------------------------------------------------------- */
#ifndef VOID
#define VOID void
#endif
typedef char CHAR;
typedef short SHORT;
#if defined(UMASHIM_WINDOWS)
typedef long LONG;                  /* 4 bytes: Windows is LLP64 */
#else
typedef int LONG;                   /* 4 bytes: Linux is LP64, so not long */
#endif
typedef int INT;
typedef void *PVOID;
typedef void *PVOID64;
typedef CHAR *PCHAR;
typedef SHORT *PSHORT;
typedef LONG *PLONG;
typedef INT *PINT;

typedef unsigned char UCHAR;
typedef unsigned short USHORT;
#if defined(UMASHIM_WINDOWS)
typedef unsigned long ULONG;
#else
typedef unsigned int ULONG;
#endif
typedef unsigned int UINT;
typedef UCHAR *PUCHAR;
typedef USHORT *PUSHORT;
typedef ULONG *PULONG;
typedef UINT *PUINT;
typedef CONST UCHAR *PCUCHAR;
typedef CONST USHORT *PCUSHORT;
typedef CONST ULONG *PCULONG;

typedef signed char SCHAR;
typedef SCHAR *PSCHAR;
typedef double DOUBLE;

typedef __int64 LONGLONG;
typedef unsigned __int64 ULONGLONG;
typedef LONGLONG *PLONGLONG;
typedef ULONGLONG *PULONGLONG;
typedef LONGLONG USN;

/* basetsd-style sized and pointer-sized integers */
typedef signed char INT8, *PINT8;
typedef signed short INT16, *PINT16;
typedef signed int INT32, *PINT32;
typedef signed __int64 INT64, *PINT64;
typedef unsigned char UINT8, *PUINT8;
typedef unsigned short UINT16, *PUINT16;
typedef unsigned int UINT32, *PUINT32;
typedef unsigned __int64 UINT64, *PUINT64;
typedef signed int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32;
typedef unsigned int DWORD32, *PDWORD32;
typedef __int64 LONG64, *PLONG64;
typedef unsigned __int64 ULONG64, *PULONG64;
typedef unsigned __int64 DWORD64, *PDWORD64;
typedef __int64 INT_PTR, *PINT_PTR;
typedef unsigned __int64 UINT_PTR, *PUINT_PTR;
typedef __int64 LONG_PTR, *PLONG_PTR;
typedef unsigned __int64 ULONG_PTR, *PULONG_PTR;
typedef ULONG_PTR DWORD_PTR, *PDWORD_PTR;
typedef int HALF_PTR, *PHALF_PTR;
typedef unsigned int UHALF_PTR, *PUHALF_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;

/* Characters and strings. WCHAR is 2 bytes in both modes: the Windows
 * target's wchar_t is 16-bit; on Linux wchar_t is 32-bit, so host mode uses
 * unsigned short (write u"..." literals there, not L"..."). */
#if defined(UMASHIM_WINDOWS)
typedef wchar_t WCHAR;
#else
typedef unsigned short WCHAR;
#endif
typedef WCHAR *PWCHAR, *LPWCH, *PWCH;
typedef CONST WCHAR *LPCWCH, *PCWCH;
typedef WCHAR *NWPSTR, *LPWSTR, *PWSTR;
typedef PWSTR *PZPWSTR;
typedef CONST PWSTR *PCZPWSTR;
typedef CONST WCHAR *LPCWSTR, *PCWSTR;
typedef PCWSTR *PZPCWSTR;
typedef CHAR *PCH, *LPCH;
typedef CONST CHAR *LPCCH, *PCCH;
typedef CHAR *NPSTR, *LPSTR, *PSTR;
typedef PSTR *PZPSTR;
typedef CONST PSTR *PCZPSTR;
typedef CONST CHAR *LPCSTR, *PCSTR;
typedef PCSTR *PZPCSTR;
typedef CHAR *PSZ;
typedef CONST CHAR *PCSZ;

typedef char CCHAR;
typedef short CSHORT;
typedef ULONG CLONG;
typedef CCHAR *PCCHAR;
typedef CSHORT *PCSHORT;
typedef CLONG *PCLONG;

typedef UCHAR BOOLEAN;
typedef BOOLEAN *PBOOLEAN;
typedef ULONG LOGICAL;
typedef ULONG *PLOGICAL;
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef NULL
#  ifdef __cplusplus
#    define NULL 0
#  else
#    define NULL ((void *)0)
#  endif
#endif

typedef void *HANDLE;
typedef HANDLE *PHANDLE;
typedef LONG NTSTATUS;
typedef NTSTATUS *PNTSTATUS;
typedef ULONG LCID, *PLCID;
typedef USHORT LANGID;
typedef LONG KPRIORITY;
typedef ULONG ACCESS_MASK;
typedef ACCESS_MASK *PACCESS_MASK;
typedef ULONG SECURITY_INFORMATION, *PSECURITY_INFORMATION;
typedef PVOID PSECURITY_DESCRIPTOR;
typedef PVOID PSID;
typedef ULONG EXECUTION_STATE;

/* ---- limits ------------------------------------------------------------- */
#define MINCHAR 0x80
#define MAXCHAR 0x7f
#define MINSHORT 0x8000
#define MAXSHORT 0x7fff
#define MINLONG 0x80000000
#define MAXLONG 0x7fffffff
#define MAXUCHAR 0xff
#define MAXUSHORT 0xffff
#define MAXULONG 0xffffffff
#define MAXLONGLONG (0x7fffffffffffffffLL)
#define MINLONGLONG (-MAXLONGLONG - 1)
#define MAXULONGLONG ((ULONGLONG)~((ULONGLONG)0))
#define MAXUINT8 ((UINT8)~((UINT8)0))
#define MAXINT8 ((INT8)(MAXUINT8 >> 1))
#define MININT8 ((INT8)~MAXINT8)
#define MAXUINT16 ((UINT16)~((UINT16)0))
#define MAXINT16 ((INT16)(MAXUINT16 >> 1))
#define MININT16 ((INT16)~MAXINT16)
#define MAXUINT32 ((UINT32)~((UINT32)0))
#define MAXINT32 ((INT32)(MAXUINT32 >> 1))
#define MININT32 ((INT32)~MAXINT32)
#define MAXUINT64 ((UINT64)~((UINT64)0))
#define MAXINT64 ((INT64)(MAXUINT64 >> 1))
#define MININT64 ((INT64)~MAXINT64)
#define MAXULONG32 ((ULONG32)~((ULONG32)0))
#define MAXLONG32 ((LONG32)(MAXULONG32 >> 1))
#define MINLONG32 ((LONG32)~MAXLONG32)
#define MAXULONG64 ((ULONG64)~((ULONG64)0))
#define MAXLONG64 ((LONG64)(MAXULONG64 >> 1))
#define MINLONG64 ((LONG64)~MAXLONG64)
#define MAXUINT ((UINT)~((UINT)0))
#define MAXINT ((INT)(MAXUINT >> 1))
#define MININT ((INT)~MAXINT)
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MINLONG_PTR (~MAXLONG_PTR)
#define MAXUINT_PTR (~((UINT_PTR)0))
#define MAXINT_PTR ((INT_PTR)(MAXUINT_PTR >> 1))
#define MININT_PTR (~MAXINT_PTR)
#define MAXSIZE_T ((SIZE_T)~((SIZE_T)0))
#define MAXSSIZE_T ((SSIZE_T)(MAXSIZE_T >> 1))
#define MINSSIZE_T ((SSIZE_T)~MAXSSIZE_T)

/* ---- status helpers ----------------------------------------------------- */
#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status) ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status) ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status) ((((ULONG)(Status)) >> 30) == 3)
#define NT_CUSTOMER(Status) ((((ULONG)(Status)) >> 29) & 1)
#define NT_FACILITY(Status) ((((ULONG)(Status)) >> 16) & 0xfff)

#include <umashim_status.h>

/* ---- layout helpers ----------------------------------------------------- */
#define FIELD_OFFSET(type, field) ((LONG)offsetof(type, field))
#define UFIELD_OFFSET(type, field) ((ULONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
    (FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_CONTAINS_FIELD(Struct, Size, Field) \
    ((((PCHAR)(&(Struct)->Field)) + sizeof((Struct)->Field)) <= (((PCHAR)(Struct)) + (Size)))
#define RTL_NUMBER_OF_V1(A) (sizeof(A) / sizeof((A)[0]))
#define RTL_NUMBER_OF_V2(A) RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF(A) RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF_FIELD(type, field) (RTL_NUMBER_OF(RTL_FIELD_TYPE(type, field)))
#define RTL_FIELD_TYPE(type, field) (((type *)0)->field)
#define ARRAYSIZE(A) RTL_NUMBER_OF_V2(A)
#define _ARRAYSIZE(A) RTL_NUMBER_OF_V1(A)
#define RTL_PADDING_BETWEEN_FIELDS(T, F1, F2) \
    ((FIELD_OFFSET(T, F2) > FIELD_OFFSET(T, F1)) \
        ? (FIELD_OFFSET(T, F2) - FIELD_OFFSET(T, F1) - RTL_FIELD_SIZE(T, F1)) \
        : (FIELD_OFFSET(T, F1) - FIELD_OFFSET(T, F2) - RTL_FIELD_SIZE(T, F2)))

#define CONTAINING_RECORD(address, type, field) \
    ((type *)((PCHAR)(address) - (ULONG_PTR)offsetof(type, field)))

/* Alignment of a type as laid out in a structure (a constant expression). */
#ifdef __cplusplus
#  define TYPE_ALIGNMENT(t) alignof(t)
#else
#  define TYPE_ALIGNMENT(t) FIELD_OFFSET(struct { char x; t test; }, test)
#endif
/* x64: user buffers are probed with ULONG alignment. */
#define PROBE_ALIGNMENT(_s) TYPE_ALIGNMENT(ULONG)
#define PROBE_ALIGNMENT32(_s) TYPE_ALIGNMENT(ULONG)

#define ALIGN_DOWN_BY(length, alignment) \
    ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment) - 1))
#define ALIGN_UP_BY(length, alignment) \
    (ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment) - 1), alignment))
#define ALIGN_DOWN_POINTER_BY(address, alignment) \
    ((PVOID)((ULONG_PTR)(address) & ~((ULONG_PTR)(alignment) - 1)))
#define ALIGN_UP_POINTER_BY(address, alignment) \
    (ALIGN_DOWN_POINTER_BY(((ULONG_PTR)(address) + (alignment) - 1), alignment))
#define ALIGN_DOWN(length, type) ALIGN_DOWN_BY(length, sizeof(type))
#define ALIGN_UP(length, type) ALIGN_UP_BY(length, sizeof(type))
#define ALIGN_DOWN_POINTER(address, type) ALIGN_DOWN_POINTER_BY(address, sizeof(type))
#define ALIGN_UP_POINTER(address, type) ALIGN_UP_POINTER_BY(address, sizeof(type))

#ifdef __cplusplus
#  define C_ASSERT(e) static_assert(e, #e)
#else
#  define C_ASSERT(e) _Static_assert(e, #e)
#endif

#define ARGUMENT_PRESENT(ArgumentPointer) \
    ((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)NULL)
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))

#define MAKELANGID(p, s) ((((USHORT)(s)) << 10) | (USHORT)(p))
#define PRIMARYLANGID(lgid) ((USHORT)(lgid) & 0x3ff)
#define SUBLANGID(lgid) ((USHORT)(lgid) >> 10)

/* ---- 64-bit integers ---------------------------------------------------- */
typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    } DUMMYSTRUCTNAME;
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } DUMMYSTRUCTNAME;
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

typedef struct _LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID, *PLUID;

/* ---- GUID --------------------------------------------------------------- */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
    ULONG Data1;
    USHORT Data2;
    USHORT Data3;
    UCHAR Data4[8];
} GUID;
#endif
typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID;
typedef GUID CLSID;
#ifndef _REFGUID_DEFINED
#define _REFGUID_DEFINED
#  ifdef __cplusplus
#    define REFGUID const GUID &
#  else
#    define REFGUID const GUID *
#  endif
#endif
#ifdef INITGUID
#  define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
       EXTERN_C const GUID DECLSPEC_SELECTANY name = \
           { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#  define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
       EXTERN_C const GUID name
#endif
#ifdef __cplusplus
#  define IsEqualGUID(rguid1, rguid2) (!memcmp(&(rguid1), &(rguid2), sizeof(GUID)))
#else
#  define IsEqualGUID(rguid1, rguid2) (!memcmp((rguid1), (rguid2), sizeof(GUID)))
#endif
#define InlineIsEqualGUID IsEqualGUID

/* ---- lists -------------------------------------------------------------- */
typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *RESTRICTED_POINTER PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

typedef struct LIST_ENTRY32 {
    ULONG Flink;
    ULONG Blink;
} LIST_ENTRY32, *PLIST_ENTRY32;

typedef struct LIST_ENTRY64 {
    ULONGLONG Flink;
    ULONGLONG Blink;
} LIST_ENTRY64, *PLIST_ENTRY64;

/* ---- counted strings ---------------------------------------------------- */
typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    _Field_size_bytes_part_opt_(MaximumLength, Length) PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;
typedef STRING UTF8_STRING, *PUTF8_STRING;
typedef const STRING *PCUTF8_STRING;

typedef struct _UNICODE_STRING {
    USHORT Length;
    USHORT MaximumLength;
    _Field_size_bytes_part_opt_(MaximumLength, Length) PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

#define UNICODE_NULL ((WCHAR)0)
#define ANSI_NULL ((CHAR)0)
#define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS (32767)

/* Initializer for a counted string from a string literal. */
#define RTL_CONSTANT_STRING(s) \
    { (USHORT)(sizeof(s) - sizeof((s)[0])), (USHORT)sizeof(s), (PWCH)(s) }
#define RTL_CONSTANT_ANSI_STRING(s) \
    { (USHORT)(sizeof(s) - sizeof((s)[0])), (USHORT)sizeof(s), (PCHAR)(s) }
#define DECLARE_CONST_UNICODE_STRING(_var, _string) \
    const WCHAR _var##_buffer[] = _string; \
    const UNICODE_STRING _var = { sizeof(_string) - sizeof(WCHAR), sizeof(_string), (PWCH)_var##_buffer }
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(_var, _str) \
    extern const DECLSPEC_SELECTANY UNICODE_STRING _var = RTL_CONSTANT_STRING(_str)
#define DECLARE_UNICODE_STRING_SIZE(_var, _size) \
    WCHAR _var##_buffer[_size]; \
    UNICODE_STRING _var = { 0, (_size) * sizeof(WCHAR), _var##_buffer }

/* ---- object attributes -------------------------------------------------- */
#define OBJ_INHERIT 0x00000002L
#define OBJ_PERMANENT 0x00000010L
#define OBJ_EXCLUSIVE 0x00000020L
#define OBJ_CASE_INSENSITIVE 0x00000040L
#define OBJ_OPENIF 0x00000080L
#define OBJ_OPENLINK 0x00000100L
#define OBJ_KERNEL_HANDLE 0x00000200L
#define OBJ_FORCE_ACCESS_CHECK 0x00000400L
#define OBJ_IGNORE_IMPERSONATED_DEVICEMAP 0x00000800L
#define OBJ_DONT_REPARSE 0x00001000L
#define OBJ_VALID_ATTRIBUTES 0x00001FF2L

typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef CONST OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;

#define InitializeObjectAttributes(p, n, a, r, s) \
    do { \
        (p)->Length = sizeof(OBJECT_ATTRIBUTES); \
        (p)->RootDirectory = (r); \
        (p)->Attributes = (a); \
        (p)->ObjectName = (n); \
        (p)->SecurityDescriptor = (s); \
        (p)->SecurityQualityOfService = NULL; \
    } while (0)
#define RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a) \
    { sizeof(OBJECT_ATTRIBUTES), NULL, RTL_CONST_CAST(PUNICODE_STRING)(n), a, NULL, NULL }
#define RTL_INIT_OBJECT_ATTRIBUTES(n, a) RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a)
#define RTL_CONST_CAST(type) (type)

/* ---- enums shared by kernel objects ------------------------------------ */
typedef enum _EVENT_TYPE {
    NotificationEvent,
    SynchronizationEvent
} EVENT_TYPE;

typedef enum _TIMER_TYPE {
    NotificationTimer,
    SynchronizationTimer
} TIMER_TYPE;

typedef enum _WAIT_TYPE {
    WaitAll,
    WaitAny,
    WaitNotification,
    WaitDequeue,
    WaitDpc
} WAIT_TYPE;

typedef struct _PROCESSOR_NUMBER {
    USHORT Group;
    UCHAR Number;
    UCHAR Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;

typedef struct _GROUP_AFFINITY {
    KAFFINITY Mask;
    USHORT Group;
    USHORT Reserved[3];
} GROUP_AFFINITY, *PGROUP_AFFINITY;

#endif /* UMASHIM_NTDEF_H */
#endif /* _NTDEF_ */
