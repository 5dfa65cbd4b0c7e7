/*
 * uma_primitives.h - the internal Rtl* layer under the public accessors.
 *
 * The documentation marks these "reserved for system use": drivers call the
 * public wrappers in usermode_accessors.h, which reduce to these routines.
 *
 *   Host:    real out-of-line functions (runtime/src/uma_primitives.c) that
 *            probe the emulated user window, access the bytes through the
 *            accessor alias mapping and feed the double-fetch recorder.
 *   Windows: inline down-level versions, as umaccess.lib does when the
 *            kernel has no override: ProbeForRead(p, n, 1), then a volatile
 *            access (interlocked: ProbeForRead(p, size, size)).
 */
#ifndef UMA_PRIMITIVES_H
#define UMA_PRIMITIVES_H

#include "uma_config.h"

#if defined(UMA_HOST_RUNTIME)

#ifdef __cplusplus
extern "C" {
#endif

VOID RtlCopyFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID RtlCopyFromUserNonTemporal(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID RtlCopyToUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID RtlCopyToUserNonTemporal(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID RtlCopyToUserFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID RtlMoveToUserFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID RtlSetUserMemory(volatile VOID *Destination, UCHAR Fill, SIZE_T Length);

UCHAR   RtlReadUCharFromUser(const volatile UCHAR *Address);
USHORT  RtlReadUShortFromUser(const volatile USHORT *Address);
ULONG   RtlReadULongFromUser(const volatile ULONG *Address);
ULONG64 RtlReadULong64FromUser(const volatile ULONG64 *Address);
VOID RtlWriteUCharToUser(volatile UCHAR *Address, UCHAR Value);
VOID RtlWriteUShortToUser(volatile USHORT *Address, USHORT Value);
VOID RtlWriteULongToUser(volatile ULONG *Address, ULONG Value);
VOID RtlWriteULong64ToUser(volatile ULONG64 *Address, ULONG64 Value);

/* Acquire/release: real functions on the host (C11 acquire/release through
 * __atomic), where x86/x64 Windows makes them aliases of the plain ones. */
UCHAR   RtlReadUCharFromUserAcquire(const volatile UCHAR *Address);
USHORT  RtlReadUShortFromUserAcquire(const volatile USHORT *Address);
ULONG   RtlReadULongFromUserAcquire(const volatile ULONG *Address);
ULONG64 RtlReadULong64FromUserAcquire(const volatile ULONG64 *Address);
VOID RtlWriteUCharToUserRelease(volatile UCHAR *Address, UCHAR Value);
VOID RtlWriteUShortToUserRelease(volatile USHORT *Address, USHORT Value);
VOID RtlWriteULongToUserRelease(volatile ULONG *Address, ULONG Value);
VOID RtlWriteULong64ToUserRelease(volatile ULONG64 *Address, ULONG64 Value);

SIZE_T RtlStringLengthFromUser(const volatile CHAR *String);
SIZE_T RtlWideStringLengthFromUser(const volatile WCHAR *String);

LONG   RtlInterlockedCompareExchange32ToUser(volatile LONG *Destination, LONG ExChange, LONG Comperand);
LONG64 RtlInterlockedCompareExchange64ToUser(volatile LONG64 *Destination, LONG64 ExChange, LONG64 Comperand);
LONG   RtlInterlockedOr32ToUser(volatile LONG *Destination, LONG Value);
LONG64 RtlInterlockedOr64ToUser(volatile LONG64 *Destination, LONG64 Value);
LONG   RtlInterlockedAnd32ToUser(volatile LONG *Destination, LONG Value);
LONG64 RtlInterlockedAnd64ToUser(volatile LONG64 *Destination, LONG64 Value);

/* Kernel-side volatile copy and fill used by the ...Mode kernel paths
 * (RtlCopyVolatileMemory / RtlFillVolatileMemory of the newer header).
 * Out of line, so the compiler can neither elide nor split them. */
VOID uma_copy_volatile_memory(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length);
VOID uma_fill_volatile_memory(volatile VOID *Destination, SIZE_T Length, UCHAR Fill);

/* strlen/wcslen of kernel strings for the ...Mode kernel paths (WCHAR is
 * 2 bytes, Linux wchar_t is 4). Out of line so that no loop counter of an
 * inlined wrapper lives across the sigsetjmp of a host __try (which would
 * draw -Wclobbered in driver code). */
SIZE_T uma_kernel_string_length(const volatile CHAR *String);
SIZE_T uma_kernel_wide_string_length(const volatile WCHAR *String);

/* DBG-only check: a user pointer where a kernel pointer is expected ends
 * the process like __fastfail(FAST_FAIL_KERNEL_POINTER_EXPECTED), which no
 * exception handler can catch. */
VOID uma_fast_fail_if_user_pointer(const volatile VOID *Pointer);

/* Call site handed from the public wrappers to the next Rtl read primitive
 * (the primitives keep their documented signatures). Each reading Rtl
 * routine takes and clears it on entry. */
struct uma_pending_call_site {
    const char *file;
    int line;
};
extern _Thread_local struct uma_pending_call_site uma_pending_call_site;

static inline void uma_note_call_site(const char *File, int Line)
{
    uma_pending_call_site.file = File;
    uma_pending_call_site.line = Line;
}

#ifdef __cplusplus
}
#endif

#define UMA_KERNEL_COPY(Destination, Source, Length) \
    uma_copy_volatile_memory((Destination), (Source), (Length))
#define UMA_KERNEL_FILL(Destination, Length, Fill) \
    uma_fill_volatile_memory((Destination), (Length), (Fill))
#define UMA_KERNEL_STRING_LENGTH(String) uma_kernel_string_length(String)
#define UMA_KERNEL_WIDE_STRING_LENGTH(String) uma_kernel_wide_string_length(String)

#if defined(DBG) && DBG
#  define RtlFastFailIfUserPointer(Pointer) uma_fast_fail_if_user_pointer((const volatile VOID *)(Pointer))
#else
#  define RtlFastFailIfUserPointer(Pointer) ((void)0)
#endif

#else /* UMA_WINDOWS_TARGET: inline down-level implementation */

/* Volatile byte loops: the down-level library uses RtlCopyVolatileMemory,
 * which an older WDK may not have. */
UMA_FORCEINLINE VOID UmaDownlevelCopy(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    volatile UCHAR *To = (volatile UCHAR *)Destination;
    const volatile UCHAR *From = (const volatile UCHAR *)Source;
    SIZE_T Index;
    for (Index = 0; Index < Length; Index++) {
        To[Index] = From[Index];
    }
}

UMA_FORCEINLINE VOID UmaDownlevelMove(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    volatile UCHAR *To = (volatile UCHAR *)Destination;
    const volatile UCHAR *From = (const volatile UCHAR *)Source;
    SIZE_T Index;
    if ((ULONG_PTR)To <= (ULONG_PTR)From) {
        for (Index = 0; Index < Length; Index++) {
            To[Index] = From[Index];
        }
    } else {
        for (Index = Length; Index != 0; Index--) {
            To[Index - 1] = From[Index - 1];
        }
    }
}

UMA_FORCEINLINE VOID UmaDownlevelFill(volatile VOID *Destination, SIZE_T Length, UCHAR Fill)
{
    volatile UCHAR *To = (volatile UCHAR *)Destination;
    SIZE_T Index;
    for (Index = 0; Index < Length; Index++) {
        To[Index] = Fill;
    }
}

UMA_FORCEINLINE VOID RtlCopyFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    if (Length != 0) {
        ProbeForRead(Source, Length, 1);
        UmaDownlevelCopy(Destination, Source, Length);
    }
}

UMA_FORCEINLINE VOID RtlCopyFromUserNonTemporal(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    RtlCopyFromUser(Destination, Source, Length);
}

/* Down-level probes the destination with ProbeForRead, not ProbeForWrite. */
UMA_FORCEINLINE VOID RtlCopyToUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    if (Length != 0) {
        ProbeForRead(Destination, Length, 1);
        UmaDownlevelCopy(Destination, Source, Length);
    }
}

UMA_FORCEINLINE VOID RtlCopyToUserNonTemporal(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    RtlCopyToUser(Destination, Source, Length);
}

UMA_FORCEINLINE VOID RtlCopyToUserFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    if (Length != 0) {
        ProbeForRead(Source, Length, 1);
        ProbeForRead(Destination, Length, 1);
        UmaDownlevelCopy(Destination, Source, Length);
    }
}

UMA_FORCEINLINE VOID RtlMoveToUserFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    if (Length != 0) {
        ProbeForRead(Source, Length, 1);
        ProbeForRead(Destination, Length, 1);
        UmaDownlevelMove(Destination, Source, Length);
    }
}

UMA_FORCEINLINE VOID RtlSetUserMemory(volatile VOID *Destination, UCHAR Fill, SIZE_T Length)
{
    if (Length != 0) {
        ProbeForRead(Destination, Length, 1);
        UmaDownlevelFill(Destination, Length, Fill);
    }
}

#define UMA_DOWNLEVEL_SCALAR(Prim, Type)                                          \
    UMA_FORCEINLINE Type RtlRead##Prim##FromUser(const volatile Type *Address)    \
    {                                                                             \
        ProbeForRead(Address, sizeof(Type), 1);                                   \
        return UMA_KERNEL_READ(Prim, Address);                                    \
    }                                                                             \
    UMA_FORCEINLINE VOID RtlWrite##Prim##ToUser(volatile Type *Address, Type Value) \
    {                                                                             \
        ProbeForRead(Address, sizeof(Type), 1);                                   \
        UMA_KERNEL_WRITE(Prim, Address, Value);                                   \
    }
UMA_DOWNLEVEL_SCALAR(UChar, UCHAR)
UMA_DOWNLEVEL_SCALAR(UShort, USHORT)
UMA_DOWNLEVEL_SCALAR(ULong, ULONG)
UMA_DOWNLEVEL_SCALAR(ULong64, ULONG64)
#undef UMA_DOWNLEVEL_SCALAR

#if defined(_AMD64_) || defined(_X86_)
/* x86/x64 order loads and stores strongly enough: plain aliases. */
#  define RtlReadUCharFromUserAcquire   RtlReadUCharFromUser
#  define RtlReadUShortFromUserAcquire  RtlReadUShortFromUser
#  define RtlReadULongFromUserAcquire   RtlReadULongFromUser
#  define RtlReadULong64FromUserAcquire RtlReadULong64FromUser
#  define RtlWriteUCharToUserRelease    RtlWriteUCharToUser
#  define RtlWriteUShortToUserRelease   RtlWriteUShortToUser
#  define RtlWriteULongToUserRelease    RtlWriteULongToUser
#  define RtlWriteULong64ToUserRelease  RtlWriteULong64ToUser
#else
#  define UMA_DOWNLEVEL_ORDERED(Prim, Type)                                               \
    UMA_FORCEINLINE Type RtlRead##Prim##FromUserAcquire(const volatile Type *Address)     \
    {                                                                                     \
        Type Value = RtlRead##Prim##FromUser(Address);                                    \
        __atomic_thread_fence(__ATOMIC_ACQUIRE);                                          \
        return Value;                                                                     \
    }                                                                                     \
    UMA_FORCEINLINE VOID RtlWrite##Prim##ToUserRelease(volatile Type *Address, Type Value) \
    {                                                                                     \
        __atomic_thread_fence(__ATOMIC_RELEASE);                                          \
        RtlWrite##Prim##ToUser(Address, Value);                                           \
    }
UMA_DOWNLEVEL_ORDERED(UChar, UCHAR)
UMA_DOWNLEVEL_ORDERED(UShort, USHORT)
UMA_DOWNLEVEL_ORDERED(ULong, ULONG)
UMA_DOWNLEVEL_ORDERED(ULong64, ULONG64)
#  undef UMA_DOWNLEVEL_ORDERED
#endif

UMA_FORCEINLINE SIZE_T RtlStringLengthFromUser(const volatile CHAR *String)
{
    SIZE_T Length = 0;
    while (RtlReadUCharFromUser((const volatile UCHAR *)&String[Length]) != 0) {
        Length++;
    }
    return Length;
}

UMA_FORCEINLINE SIZE_T RtlWideStringLengthFromUser(const volatile WCHAR *String)
{
    SIZE_T Length = 0;
    while (RtlReadUShortFromUser((const volatile USHORT *)&String[Length]) != 0) {
        Length++;
    }
    return Length;
}

#if defined(UMA_MSVC_INTERLOCKED)
long _InterlockedCompareExchange(long volatile *, long, long);
__int64 _InterlockedCompareExchange64(__int64 volatile *, __int64, __int64);
long _InterlockedOr(long volatile *, long);
long _InterlockedAnd(long volatile *, long);
__int64 _InterlockedOr64(__int64 volatile *, __int64);
__int64 _InterlockedAnd64(__int64 volatile *, __int64);
#  define UMA_ATOMIC_CAS(Address, ExChange, Comperand) \
      (sizeof(*(Address)) == 8 \
           ? (LONG64)_InterlockedCompareExchange64((__int64 volatile *)(Address), (ExChange), (Comperand)) \
           : (LONG64)_InterlockedCompareExchange((long volatile *)(Address), (long)(ExChange), (long)(Comperand)))
#  define UMA_ATOMIC_OR(Address, Value) \
      (sizeof(*(Address)) == 8 ? (LONG64)_InterlockedOr64((__int64 volatile *)(Address), (Value)) \
                               : (LONG64)_InterlockedOr((long volatile *)(Address), (long)(Value)))
#  define UMA_ATOMIC_AND(Address, Value) \
      (sizeof(*(Address)) == 8 ? (LONG64)_InterlockedAnd64((__int64 volatile *)(Address), (Value)) \
                               : (LONG64)_InterlockedAnd((long volatile *)(Address), (long)(Value)))
#endif

#define UMA_DOWNLEVEL_INTERLOCKED(Bits, Type)                                                         \
    UMA_FORCEINLINE Type RtlInterlockedCompareExchange##Bits##ToUser(volatile Type *Destination,      \
                                                                     Type ExChange, Type Comperand)   \
    {                                                                                                 \
        ProbeForRead(Destination, sizeof(Type), sizeof(Type));                                        \
        return (Type)UMA_ATOMIC_CAS(Destination, ExChange, Comperand);                                \
    }                                                                                                 \
    UMA_FORCEINLINE Type RtlInterlockedOr##Bits##ToUser(volatile Type *Destination, Type Value)       \
    {                                                                                                 \
        ProbeForRead(Destination, sizeof(Type), sizeof(Type));                                        \
        return (Type)UMA_ATOMIC_OR(Destination, Value);                                               \
    }                                                                                                 \
    UMA_FORCEINLINE Type RtlInterlockedAnd##Bits##ToUser(volatile Type *Destination, Type Value)      \
    {                                                                                                 \
        ProbeForRead(Destination, sizeof(Type), sizeof(Type));                                        \
        return (Type)UMA_ATOMIC_AND(Destination, Value);                                              \
    }
UMA_DOWNLEVEL_INTERLOCKED(32, LONG)
UMA_DOWNLEVEL_INTERLOCKED(64, LONG64)
#undef UMA_DOWNLEVEL_INTERLOCKED

/* The older WDK's kernel paths: RtlCopyMemory / RtlFillMemory semantics. */
#define UMA_KERNEL_COPY(Destination, Source, Length) \
    UmaDownlevelCopy((Destination), (Source), (Length))
#define UMA_KERNEL_FILL(Destination, Length, Fill) \
    UmaDownlevelFill((Destination), (Length), (Fill))

UMA_FORCEINLINE SIZE_T UmaKernelStringLength(const volatile CHAR *String)
{
    SIZE_T Length = 0;
    while (String[Length] != 0) {
        Length++;
    }
    return Length;
}

UMA_FORCEINLINE SIZE_T UmaKernelWideStringLength(const volatile WCHAR *String)
{
    SIZE_T Length = 0;
    while (String[Length] != 0) {
        Length++;
    }
    return Length;
}
#define UMA_KERNEL_STRING_LENGTH(String) UmaKernelStringLength(String)
#define UMA_KERNEL_WIDE_STRING_LENGTH(String) UmaKernelWideStringLength(String)

#if defined(DBG) && DBG
#  define RtlFastFailIfUserPointer(Pointer)                                              \
      do {                                                                               \
          if ((Pointer) != NULL && (ULONG_PTR)(Pointer) < (ULONG_PTR)MmUserProbeAddress) \
              __fastfail(77); /* FAST_FAIL_KERNEL_POINTER_EXPECTED */                   \
      } while (0)
#else
#  define RtlFastFailIfUserPointer(Pointer) ((void)0)
#endif

#endif /* UMA_WINDOWS_TARGET */

/* Pointer-sized primitives select the 64-bit or 32-bit routines. */
#if defined(UMA_POINTER_64)
#  define RtlReadULongPtrFromUser(Address) \
      ((ULONG_PTR)RtlReadULong64FromUser((const volatile ULONG64 *)(Address)))
#  define RtlReadULongPtrFromUserAcquire(Address) \
      ((ULONG_PTR)RtlReadULong64FromUserAcquire((const volatile ULONG64 *)(Address)))
#  define RtlWriteULongPtrToUser(Address, Value) \
      RtlWriteULong64ToUser((volatile ULONG64 *)(Address), (ULONG64)(Value))
#  define RtlWriteULongPtrToUserRelease(Address, Value) \
      RtlWriteULong64ToUserRelease((volatile ULONG64 *)(Address), (ULONG64)(Value))
#else
#  define RtlReadULongPtrFromUser(Address) \
      ((ULONG_PTR)RtlReadULongFromUser((const volatile ULONG *)(Address)))
#  define RtlReadULongPtrFromUserAcquire(Address) \
      ((ULONG_PTR)RtlReadULongFromUserAcquire((const volatile ULONG *)(Address)))
#  define RtlWriteULongPtrToUser(Address, Value) \
      RtlWriteULongToUser((volatile ULONG *)(Address), (ULONG)(Value))
#  define RtlWriteULongPtrToUserRelease(Address, Value) \
      RtlWriteULongToUserRelease((volatile ULONG *)(Address), (ULONG)(Value))
#endif

#endif /* UMA_PRIMITIVES_H */
