/*
 * usermode_accessors.h - user-mode accessor API (UMA) for kernel drivers.
 *
 * umalint's own implementation of the API that Microsoft ships as
 * usermode_accessors.h / umaccess.lib, written from the facts in
 * shared/reference/usermode-accessors.md (not from Microsoft's header).
 *
 * Every accessor probes the user pointer (the whole range must lie in user
 * space), performs a volatile access and raises a structured exception on
 * failure; callers wrap calls in __try/__except. Layers:
 *
 *   public names (this file)    FORCEINLINE-style static inline functions
 *                               and do { } while (0) macros
 *   Rtl* primitives             uma_primitives.h: out of line on the host,
 *                               inline down-level code on a Windows target
 *
 * On the host every reading wrapper also exists as Uma<Name>At(..., File,
 * Line), and uma_call_sites.h turns each call Name(...) into a call of that
 * variant, so the double-fetch recorder knows file:line of each fetch. The
 * plain functions stay real functions: &ReadULongFromUser works.
 *
 * Define _EXCLUDE_EXTENDED_UMA_FUNCTIONS_ to get only the Rtl* layer.
 */
#ifndef USERMODE_ACCESSORS_H
#define USERMODE_ACCESSORS_H

#include <wdm.h>

#include "uma_config.h"
#include "uma_primitives.h"

#if !defined(_EXCLUDE_EXTENDED_UMA_FUNCTIONS_)

#include "uma_typed_table.h"

/* ---- call-site plumbing ---------------------------------------------------
 * UMA_AT(Name) names the function that carries the call site: Uma<Name>At on
 * the host, Name itself on Windows, where no site is passed. */
#if defined(UMA_HOST_RUNTIME)
#  define UMA_AT(Name) Uma##Name##At
#  define UMA_SITE_PARAMS , const char *UmaFile, int UmaLine
#  define UMA_SITE_ARGS , UmaFile, UmaLine
#  define UMA_SITE_HERE , __FILE__, __LINE__
#  define UMA_NOTE_SITE() uma_note_call_site(UmaFile, UmaLine)
#  define UMA_HOST_ONLY(...) __VA_ARGS__
#else
#  define UMA_AT(Name) Name
#  define UMA_SITE_PARAMS
#  define UMA_SITE_ARGS
#  define UMA_SITE_HERE
#  define UMA_NOTE_SITE() ((void)0)
#  define UMA_HOST_ONLY(...)
#endif

/* ---- 1.1 typed scalar accessors: 29 types x 6 variants ------------------ */
#define UMA_DEFINE_TYPED_ACCESSORS(T, CType, Prim, PType, Kind)                                  \
    UMA_FORCEINLINE CType UMA_AT(Read##T##FromUser)(const volatile CType *Source UMA_SITE_PARAMS) \
    {                                                                                            \
        UMA_NOTE_SITE();                                                                         \
        return UMA_FROM_PRIM_##Kind(CType, RtlRead##Prim##FromUser((const volatile PType *)Source)); \
    }                                                                                            \
    UMA_FORCEINLINE CType UMA_AT(Read##T##FromUserAcquire)(const volatile CType *Source          \
                                                           UMA_SITE_PARAMS)                      \
    {                                                                                            \
        UMA_NOTE_SITE();                                                                         \
        return UMA_FROM_PRIM_##Kind(CType,                                                       \
                                    RtlRead##Prim##FromUserAcquire((const volatile PType *)Source)); \
    }                                                                                            \
    UMA_FORCEINLINE CType UMA_AT(Read##T##FromMode)(const volatile CType *Source,                \
                                                    KPROCESSOR_MODE Mode UMA_SITE_PARAMS)        \
    {                                                                                            \
        if (Mode != KernelMode) {                                                                \
            return UMA_AT(Read##T##FromUser)(Source UMA_SITE_ARGS);                              \
        }                                                                                        \
        RtlFastFailIfUserPointer(Source);                                                        \
        return UMA_FROM_PRIM_##Kind(CType, UMA_KERNEL_READ(Prim, Source));                       \
    }                                                                                            \
    UMA_HOST_ONLY(                                                                               \
    UMA_FORCEINLINE CType Read##T##FromUser(const volatile CType *Source)                        \
    {                                                                                            \
        return UMA_AT(Read##T##FromUser)(Source, NULL, 0);                                       \
    }                                                                                            \
    UMA_FORCEINLINE CType Read##T##FromUserAcquire(const volatile CType *Source)                 \
    {                                                                                            \
        return UMA_AT(Read##T##FromUserAcquire)(Source, NULL, 0);                                \
    }                                                                                            \
    UMA_FORCEINLINE CType Read##T##FromMode(const volatile CType *Source, KPROCESSOR_MODE Mode)  \
    {                                                                                            \
        return UMA_AT(Read##T##FromMode)(Source, Mode, NULL, 0);                                 \
    })                                                                                           \
    UMA_FORCEINLINE VOID Write##T##ToUser(volatile CType *Destination, CType Value)              \
    {                                                                                            \
        RtlWrite##Prim##ToUser((volatile PType *)Destination, UMA_TO_PRIM_##Kind(PType, Value)); \
    }                                                                                            \
    UMA_FORCEINLINE VOID Write##T##ToUserRelease(volatile CType *Destination, CType Value)       \
    {                                                                                            \
        RtlWrite##Prim##ToUserRelease((volatile PType *)Destination,                             \
                                      UMA_TO_PRIM_##Kind(PType, Value));                         \
    }                                                                                            \
    UMA_FORCEINLINE VOID Write##T##ToMode(volatile CType *Destination, CType Value,              \
                                          KPROCESSOR_MODE Mode)                                  \
    {                                                                                            \
        if (Mode != KernelMode) {                                                                \
            Write##T##ToUser(Destination, Value);                                                \
            return;                                                                              \
        }                                                                                        \
        RtlFastFailIfUserPointer(Destination);                                                   \
        UMA_KERNEL_WRITE(Prim, Destination, UMA_TO_PRIM_##Kind(PType, Value));                   \
    }

UMA_TYPED_ACCESSOR_TABLE(UMA_DEFINE_TYPED_ACCESSORS)

/* ---- 1.2 LARGE_INTEGER / ULARGE_INTEGER: one 64-bit access --------------- */
#define UMA_DEFINE_LARGE_INTEGER_ACCESSORS(T, CType)                                             \
    UMA_FORCEINLINE CType UMA_AT(Read##T##FromUser)(const volatile CType *Source UMA_SITE_PARAMS) \
    {                                                                                            \
        CType Value;                                                                             \
        UMA_NOTE_SITE();                                                                         \
        Value.QuadPart = RtlReadULong64FromUser((const volatile ULONG64 *)&Source->QuadPart);    \
        return Value;                                                                            \
    }                                                                                            \
    UMA_FORCEINLINE CType UMA_AT(Read##T##FromMode)(const volatile CType *Source,                \
                                                    KPROCESSOR_MODE Mode UMA_SITE_PARAMS)        \
    {                                                                                            \
        CType Value;                                                                             \
        if (Mode != KernelMode) {                                                                \
            return UMA_AT(Read##T##FromUser)(Source UMA_SITE_ARGS);                              \
        }                                                                                        \
        RtlFastFailIfUserPointer(Source);                                                        \
        Value.QuadPart = UMA_KERNEL_READ(ULong64, &Source->QuadPart);                            \
        return Value;                                                                            \
    }                                                                                            \
    UMA_HOST_ONLY(                                                                               \
    UMA_FORCEINLINE CType Read##T##FromUser(const volatile CType *Source)                        \
    {                                                                                            \
        return UMA_AT(Read##T##FromUser)(Source, NULL, 0);                                       \
    }                                                                                            \
    UMA_FORCEINLINE CType Read##T##FromMode(const volatile CType *Source, KPROCESSOR_MODE Mode)  \
    {                                                                                            \
        return UMA_AT(Read##T##FromMode)(Source, Mode, NULL, 0);                                 \
    })                                                                                           \
    UMA_FORCEINLINE VOID Write##T##ToUser(volatile CType *Destination, CType Value)              \
    {                                                                                            \
        RtlWriteULong64ToUser((volatile ULONG64 *)&Destination->QuadPart, (ULONG64)Value.QuadPart); \
    }                                                                                            \
    UMA_FORCEINLINE VOID Write##T##ToMode(volatile CType *Destination, CType Value,              \
                                          KPROCESSOR_MODE Mode)                                  \
    {                                                                                            \
        if (Mode != KernelMode) {                                                                \
            Write##T##ToUser(Destination, Value);                                                \
            return;                                                                              \
        }                                                                                        \
        RtlFastFailIfUserPointer(Destination);                                                   \
        UMA_KERNEL_WRITE(ULong64, &Destination->QuadPart, (ULONG64)Value.QuadPart);             \
    }

UMA_DEFINE_LARGE_INTEGER_ACCESSORS(LargeInteger, LARGE_INTEGER)
UMA_DEFINE_LARGE_INTEGER_ACCESSORS(ULargeInteger, ULARGE_INTEGER)

/* ---- 1.2 UNICODE_STRING: Length and MaximumLength in one 32-bit access ---
 * Only the descriptor is captured; Buffer is still a user pointer. The
 * padding after MaximumLength is never written, so no kernel bytes leak. */
UMA_STATIC_ASSERT(sizeof(((UNICODE_STRING *)0)->Length) == 2 &&
                      sizeof(((UNICODE_STRING *)0)->MaximumLength) == 2,
                  "UNICODE_STRING lengths must be 16-bit");

UMA_FORCEINLINE UNICODE_STRING UmaUnicodeStringFromParts(ULONG Lengths, ULONG_PTR Buffer)
{
    UNICODE_STRING Value;
    /* Little-endian: Length is the low half of the 32-bit word. */
    Value.Length = (USHORT)(Lengths & 0xFFFFu);
    Value.MaximumLength = (USHORT)(Lengths >> 16);
    Value.Buffer = (WCHAR *)Buffer;
    return Value;
}

UMA_FORCEINLINE ULONG UmaUnicodeStringLengths(const UNICODE_STRING *Value)
{
    return (ULONG)Value->Length | ((ULONG)Value->MaximumLength << 16);
}

UMA_FORCEINLINE UNICODE_STRING UMA_AT(ReadUnicodeStringFromUser)(const volatile UNICODE_STRING *Source
                                                                 UMA_SITE_PARAMS)
{
    ULONG Lengths;
    ULONG_PTR Buffer;
    UMA_NOTE_SITE();
    Lengths = RtlReadULongFromUser((const volatile ULONG *)&Source->Length);
    UMA_NOTE_SITE();
    Buffer = RtlReadULongPtrFromUser(&Source->Buffer);
    return UmaUnicodeStringFromParts(Lengths, Buffer);
}

UMA_FORCEINLINE UNICODE_STRING UMA_AT(ReadUnicodeStringFromMode)(const volatile UNICODE_STRING *Source,
                                                                 KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode != KernelMode) {
        return UMA_AT(ReadUnicodeStringFromUser)(Source UMA_SITE_ARGS);
    }
    RtlFastFailIfUserPointer(Source);
    return UmaUnicodeStringFromParts(UMA_KERNEL_READ(ULong, &Source->Length),
                                     UMA_KERNEL_READ(ULongPtr, &Source->Buffer));
}

UMA_HOST_ONLY(
UMA_FORCEINLINE UNICODE_STRING ReadUnicodeStringFromUser(const volatile UNICODE_STRING *Source)
{
    return UMA_AT(ReadUnicodeStringFromUser)(Source, NULL, 0);
}
UMA_FORCEINLINE UNICODE_STRING ReadUnicodeStringFromMode(const volatile UNICODE_STRING *Source,
                                                         KPROCESSOR_MODE Mode)
{
    return UMA_AT(ReadUnicodeStringFromMode)(Source, Mode, NULL, 0);
})

UMA_FORCEINLINE VOID WriteUnicodeStringToUser(volatile UNICODE_STRING *Destination, UNICODE_STRING Value)
{
    RtlWriteULongToUser((volatile ULONG *)&Destination->Length, UmaUnicodeStringLengths(&Value));
    RtlWriteULongPtrToUser(&Destination->Buffer, (ULONG_PTR)Value.Buffer);
}

UMA_FORCEINLINE VOID WriteUnicodeStringToMode(volatile UNICODE_STRING *Destination, UNICODE_STRING Value,
                                              KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        WriteUnicodeStringToUser(Destination, Value);
        return;
    }
    RtlFastFailIfUserPointer(Destination);
    UMA_KERNEL_WRITE(ULong, &Destination->Length, UmaUnicodeStringLengths(&Value));
    UMA_KERNEL_WRITE(ULongPtr, &Destination->Buffer, (ULONG_PTR)Value.Buffer);
}

/* ---- 1.3 string length ----------------------------------------------------
 * Not volatile-correct: the string can change after it was measured, so
 * copy with an explicit bound and terminate the kernel copy yourself. */
UMA_FORCEINLINE SIZE_T UMA_AT(StringLengthFromUser)(const CHAR *String UMA_SITE_PARAMS)
{
    UMA_NOTE_SITE();
    return RtlStringLengthFromUser(String);
}

UMA_FORCEINLINE SIZE_T UMA_AT(WideStringLengthFromUser)(const WCHAR *String UMA_SITE_PARAMS)
{
    UMA_NOTE_SITE();
    return RtlWideStringLengthFromUser(String);
}

UMA_FORCEINLINE SIZE_T UMA_AT(StringLengthFromMode)(const volatile CHAR *String,
                                                    KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode != KernelMode) {
        UMA_NOTE_SITE();
        return RtlStringLengthFromUser(String);
    }
    RtlFastFailIfUserPointer(String);
    return UMA_KERNEL_STRING_LENGTH(String);
}

UMA_FORCEINLINE SIZE_T UMA_AT(WideStringLengthFromMode)(const volatile WCHAR *String,
                                                        KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode != KernelMode) {
        UMA_NOTE_SITE();
        return RtlWideStringLengthFromUser(String);
    }
    RtlFastFailIfUserPointer(String);
    return UMA_KERNEL_WIDE_STRING_LENGTH(String);
}

UMA_HOST_ONLY(
UMA_FORCEINLINE SIZE_T StringLengthFromUser(const CHAR *String)
{
    return UMA_AT(StringLengthFromUser)(String, NULL, 0);
}
UMA_FORCEINLINE SIZE_T WideStringLengthFromUser(const WCHAR *String)
{
    return UMA_AT(WideStringLengthFromUser)(String, NULL, 0);
}
UMA_FORCEINLINE SIZE_T StringLengthFromMode(const volatile CHAR *String, KPROCESSOR_MODE Mode)
{
    return UMA_AT(StringLengthFromMode)(String, Mode, NULL, 0);
}
UMA_FORCEINLINE SIZE_T WideStringLengthFromMode(const volatile WCHAR *String, KPROCESSOR_MODE Mode)
{
    return UMA_AT(WideStringLengthFromMode)(String, Mode, NULL, 0);
})

/* ---- 1.4 interlocked: natural alignment required, full barrier ----------- */
/* Public names carry no "32" (InterlockedOrToUser); the primitives do. */
#define UMA_DEFINE_INTERLOCKED(Name, PrimName, Type, KernelOp)                                   \
    UMA_FORCEINLINE Type Interlocked##Name##ToUser(volatile Type *Destination, Type Value)       \
    {                                                                                            \
        return RtlInterlocked##PrimName##ToUser(Destination, Value);                             \
    }                                                                                            \
    UMA_FORCEINLINE Type Interlocked##Name##ToMode(volatile Type *Destination, Type Value,       \
                                                   KPROCESSOR_MODE Mode)                         \
    {                                                                                            \
        if (Mode != KernelMode) {                                                                \
            return RtlInterlocked##PrimName##ToUser(Destination, Value);                         \
        }                                                                                        \
        RtlFastFailIfUserPointer(Destination);                                                   \
        return (Type)KernelOp(Destination, Value);                                               \
    }
UMA_DEFINE_INTERLOCKED(Or, Or32, LONG, UMA_ATOMIC_OR)
UMA_DEFINE_INTERLOCKED(And, And32, LONG, UMA_ATOMIC_AND)
UMA_DEFINE_INTERLOCKED(Or64, Or64, LONG64, UMA_ATOMIC_OR)
UMA_DEFINE_INTERLOCKED(And64, And64, LONG64, UMA_ATOMIC_AND)
#undef UMA_DEFINE_INTERLOCKED

UMA_FORCEINLINE LONG InterlockedCompareExchangeToUser(volatile LONG *Destination, LONG ExChange,
                                                      LONG Comperand)
{
    return RtlInterlockedCompareExchange32ToUser(Destination, ExChange, Comperand);
}

UMA_FORCEINLINE LONG InterlockedCompareExchangeToMode(volatile LONG *Destination, LONG ExChange,
                                                      LONG Comperand, KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        return RtlInterlockedCompareExchange32ToUser(Destination, ExChange, Comperand);
    }
    RtlFastFailIfUserPointer(Destination);
    return (LONG)UMA_ATOMIC_CAS(Destination, ExChange, Comperand);
}

UMA_FORCEINLINE LONG64 InterlockedCompareExchange64ToUser(volatile LONG64 *Destination, LONG64 ExChange,
                                                          LONG64 Comperand)
{
    return RtlInterlockedCompareExchange64ToUser(Destination, ExChange, Comperand);
}

UMA_FORCEINLINE LONG64 InterlockedCompareExchange64ToMode(volatile LONG64 *Destination, LONG64 ExChange,
                                                          LONG64 Comperand, KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        return RtlInterlockedCompareExchange64ToUser(Destination, ExChange, Comperand);
    }
    RtlFastFailIfUserPointer(Destination);
    return (LONG64)UMA_ATOMIC_CAS(Destination, ExChange, Comperand);
}

/* ---- 1.5 bulk copy / move --------------------------------------------------
 * No overlap except MoveToUserFromUser. Zero length does nothing at all. */
UMA_FORCEINLINE VOID UMA_AT(CopyFromUser)(volatile VOID *Destination, volatile const VOID *Source,
                                          SIZE_T Length UMA_SITE_PARAMS)
{
    RtlFastFailIfUserPointer(Destination);
    UMA_NOTE_SITE();
    RtlCopyFromUser(Destination, Source, Length);
}

UMA_FORCEINLINE VOID UMA_AT(CopyFromUserNonTemporal)(VOID *Destination, volatile const VOID *Source,
                                                     SIZE_T Length UMA_SITE_PARAMS)
{
    RtlFastFailIfUserPointer(Destination);
    UMA_NOTE_SITE();
    RtlCopyFromUserNonTemporal(Destination, Source, Length);
}

UMA_FORCEINLINE VOID CopyToUser(volatile VOID *Destination, const VOID *Source, SIZE_T Length)
{
    RtlFastFailIfUserPointer(Source);
    RtlCopyToUser(Destination, Source, Length);
}

UMA_FORCEINLINE VOID CopyToUserNonTemporal(volatile VOID *Destination, const VOID *Source, SIZE_T Length)
{
    RtlFastFailIfUserPointer(Source);
    RtlCopyToUserNonTemporal(Destination, Source, Length);
}

UMA_FORCEINLINE VOID UMA_AT(CopyToUserFromUser)(volatile VOID *Destination, volatile const VOID *Source,
                                                SIZE_T Length UMA_SITE_PARAMS)
{
    UMA_NOTE_SITE();
    RtlCopyToUserFromUser(Destination, Source, Length);
}

UMA_FORCEINLINE VOID UMA_AT(MoveToUserFromUser)(volatile VOID *Destination, volatile const VOID *Source,
                                                SIZE_T Length UMA_SITE_PARAMS)
{
    UMA_NOTE_SITE();
    RtlMoveToUserFromUser(Destination, Source, Length);
}

/* Mode describes the destination. */
UMA_FORCEINLINE VOID CopyToMode(volatile VOID *Destination, const VOID *Source, SIZE_T Length,
                                KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        CopyToUser(Destination, Source, Length);
    } else if (Length != 0) {
        RtlFastFailIfUserPointer(Destination);
        RtlFastFailIfUserPointer(Source);
        UMA_KERNEL_COPY(Destination, Source, Length);
    }
}

UMA_FORCEINLINE VOID CopyToModeNonTemporal(volatile VOID *Destination, const VOID *Source, SIZE_T Length,
                                           KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        CopyToUserNonTemporal(Destination, Source, Length);
    } else if (Length != 0) {
        RtlFastFailIfUserPointer(Destination);
        RtlFastFailIfUserPointer(Source);
        UMA_KERNEL_COPY(Destination, Source, Length);
    }
}

/* Mode describes the source; the destination is always kernel memory. */
UMA_FORCEINLINE VOID UMA_AT(CopyFromMode)(VOID *Destination, const volatile VOID *Source, SIZE_T Length,
                                          KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode != KernelMode) {
        UMA_AT(CopyFromUser)(Destination, Source, Length UMA_SITE_ARGS);
    } else if (Length != 0) {
        RtlFastFailIfUserPointer(Destination);
        RtlFastFailIfUserPointer(Source);
        UMA_KERNEL_COPY(Destination, Source, Length);
    }
}

UMA_FORCEINLINE VOID UMA_AT(CopyFromModeNonTemporal)(VOID *Destination, const volatile VOID *Source,
                                                     SIZE_T Length, KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode != KernelMode) {
        UMA_AT(CopyFromUserNonTemporal)(Destination, Source, Length UMA_SITE_ARGS);
    } else if (Length != 0) {
        RtlFastFailIfUserPointer(Destination);
        RtlFastFailIfUserPointer(Source);
        UMA_KERNEL_COPY(Destination, Source, Length);
    }
}

/* The source is always user memory and Mode describes the destination; the
 * header tests Mode == KernelMode, so every non-zero mode copies user to
 * user. */
UMA_FORCEINLINE VOID UMA_AT(CopyFromUserToMode)(volatile VOID *Destination, volatile const VOID *Source,
                                                SIZE_T Length, KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode == KernelMode) {
        UMA_AT(CopyFromUser)(Destination, Source, Length UMA_SITE_ARGS);
    } else {
        UMA_NOTE_SITE();
        RtlCopyToUserFromUser(Destination, Source, Length);
    }
}

UMA_HOST_ONLY(
UMA_FORCEINLINE VOID CopyFromUser(volatile VOID *Destination, volatile const VOID *Source, SIZE_T Length)
{
    UMA_AT(CopyFromUser)(Destination, Source, Length, NULL, 0);
}
UMA_FORCEINLINE VOID CopyFromUserNonTemporal(VOID *Destination, volatile const VOID *Source, SIZE_T Length)
{
    UMA_AT(CopyFromUserNonTemporal)(Destination, Source, Length, NULL, 0);
}
UMA_FORCEINLINE VOID CopyToUserFromUser(volatile VOID *Destination, volatile const VOID *Source,
                                        SIZE_T Length)
{
    UMA_AT(CopyToUserFromUser)(Destination, Source, Length, NULL, 0);
}
UMA_FORCEINLINE VOID MoveToUserFromUser(volatile VOID *Destination, volatile const VOID *Source,
                                        SIZE_T Length)
{
    UMA_AT(MoveToUserFromUser)(Destination, Source, Length, NULL, 0);
}
UMA_FORCEINLINE VOID CopyFromMode(VOID *Destination, const volatile VOID *Source, SIZE_T Length,
                                  KPROCESSOR_MODE Mode)
{
    UMA_AT(CopyFromMode)(Destination, Source, Length, Mode, NULL, 0);
}
UMA_FORCEINLINE VOID CopyFromModeNonTemporal(VOID *Destination, const volatile VOID *Source, SIZE_T Length,
                                             KPROCESSOR_MODE Mode)
{
    UMA_AT(CopyFromModeNonTemporal)(Destination, Source, Length, Mode, NULL, 0);
}
UMA_FORCEINLINE VOID CopyFromUserToMode(volatile VOID *Destination, volatile const VOID *Source,
                                        SIZE_T Length, KPROCESSOR_MODE Mode)
{
    UMA_AT(CopyFromUserToMode)(Destination, Source, Length, Mode, NULL, 0);
})

/* ---- 1.6 fill / zero. Mind the order: Fill* is (dst, len, fill), Set* is
 * memset order (dst, fill, len). All reduce to RtlSetUserMemory. -------- */
UMA_FORCEINLINE VOID FillUserMemory(volatile VOID *Destination, SIZE_T Length, UCHAR Fill)
{
    RtlSetUserMemory(Destination, Fill, Length);
}

UMA_FORCEINLINE VOID SetUserMemory(volatile VOID *Destination, UCHAR Fill, SIZE_T Length)
{
    RtlSetUserMemory(Destination, Fill, Length);
}

UMA_FORCEINLINE VOID ZeroUserMemory(volatile VOID *Destination, SIZE_T Length)
{
    RtlSetUserMemory(Destination, 0, Length);
}

UMA_FORCEINLINE VOID FillModeMemory(volatile VOID *Destination, SIZE_T Length, UCHAR Fill,
                                    KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        RtlSetUserMemory(Destination, Fill, Length);
    } else if (Length != 0) {
        RtlFastFailIfUserPointer(Destination);
        UMA_KERNEL_FILL(Destination, Length, Fill);
    }
}

UMA_FORCEINLINE VOID SetModeMemory(volatile VOID *Destination, UCHAR Fill, SIZE_T Length,
                                   KPROCESSOR_MODE Mode)
{
    FillModeMemory(Destination, Length, Fill, Mode);
}

UMA_FORCEINLINE VOID ZeroModeMemory(volatile VOID *Destination, SIZE_T Length, KPROCESSOR_MODE Mode)
{
    FillModeMemory(Destination, Length, 0, Mode);
}

/* ---- 1.7 structure helpers: sizes 1, 2, 4 and 8 are one scalar access ---- */
UMA_FORCEINLINE VOID UMA_AT(ReadStructFromUserHelper)(VOID *Destination, const volatile VOID *Source,
                                                      SIZE_T Size UMA_SITE_PARAMS)
{
    RtlFastFailIfUserPointer(Destination);
    UMA_NOTE_SITE();
    switch (Size) {
    case 1: {
        UCHAR Value = RtlReadUCharFromUser((const volatile UCHAR *)Source);
        UMA_MEMCPY(Destination, &Value, 1);
        break;
    }
    case 2: {
        USHORT Value = RtlReadUShortFromUser((const volatile USHORT *)Source);
        UMA_MEMCPY(Destination, &Value, 2);
        break;
    }
    case 4: {
        ULONG Value = RtlReadULongFromUser((const volatile ULONG *)Source);
        UMA_MEMCPY(Destination, &Value, 4);
        break;
    }
    case 8: {
        ULONG64 Value = RtlReadULong64FromUser((const volatile ULONG64 *)Source);
        UMA_MEMCPY(Destination, &Value, 8);
        break;
    }
    default:
        RtlCopyFromUser(Destination, Source, Size);
        break;
    }
}

UMA_FORCEINLINE VOID WriteStructToUserHelper(volatile VOID *Destination, const VOID *Source, SIZE_T Size)
{
    RtlFastFailIfUserPointer(Source);
    switch (Size) {
    case 1: {
        UCHAR Value;
        UMA_MEMCPY(&Value, Source, 1);
        RtlWriteUCharToUser((volatile UCHAR *)Destination, Value);
        break;
    }
    case 2: {
        USHORT Value;
        UMA_MEMCPY(&Value, Source, 2);
        RtlWriteUShortToUser((volatile USHORT *)Destination, Value);
        break;
    }
    case 4: {
        ULONG Value;
        UMA_MEMCPY(&Value, Source, 4);
        RtlWriteULongToUser((volatile ULONG *)Destination, Value);
        break;
    }
    case 8: {
        ULONG64 Value;
        UMA_MEMCPY(&Value, Source, 8);
        RtlWriteULong64ToUser((volatile ULONG64 *)Destination, Value);
        break;
    }
    default:
        RtlCopyToUser(Destination, Source, Size);
        break;
    }
}

UMA_FORCEINLINE VOID UMA_AT(ReadStructFromModeHelper)(VOID *Destination, const volatile VOID *Source,
                                                      SIZE_T Size, KPROCESSOR_MODE Mode UMA_SITE_PARAMS)
{
    if (Mode != KernelMode) {
        UMA_AT(ReadStructFromUserHelper)(Destination, Source, Size UMA_SITE_ARGS);
        return;
    }
    RtlFastFailIfUserPointer(Destination);
    RtlFastFailIfUserPointer(Source);
    UMA_KERNEL_COPY(Destination, Source, Size);
}

UMA_FORCEINLINE VOID WriteStructToModeHelper(volatile VOID *Destination, const VOID *Source, SIZE_T Size,
                                             KPROCESSOR_MODE Mode)
{
    if (Mode != KernelMode) {
        WriteStructToUserHelper(Destination, Source, Size);
        return;
    }
    RtlFastFailIfUserPointer(Destination);
    RtlFastFailIfUserPointer(Source);
    UMA_KERNEL_COPY(Destination, Source, Size);
}

UMA_HOST_ONLY(
UMA_FORCEINLINE VOID ReadStructFromUserHelper(VOID *Destination, const volatile VOID *Source, SIZE_T Size)
{
    UMA_AT(ReadStructFromUserHelper)(Destination, Source, Size, NULL, 0);
}
UMA_FORCEINLINE VOID ReadStructFromModeHelper(VOID *Destination, const volatile VOID *Source, SIZE_T Size,
                                              KPROCESSOR_MODE Mode)
{
    UMA_AT(ReadStructFromModeHelper)(Destination, Source, Size, Mode, NULL, 0);
})

/* ---- 1.7 structure macros ---------------------------------------------------
 * RtlTypesCompatible: the assignment inside sizeof makes incompatible types
 * a compile error (and rejects void pointers); the static assert compares
 * sizes. It cannot tell LONG from ULONG. */
#define RtlTypesCompatible(Destination, Source)                                          \
    UMA_STATIC_ASSERT(sizeof(*(Destination)) == sizeof(*(Source)),                       \
                      "user and kernel structure types differ in size");                 \
    ((void)sizeof(*(Destination) = *(Source)))

#define UMA_ASSERT_MODE_TYPE(Mode) \
    UMA_STATIC_ASSERT(sizeof(Mode) == sizeof(KPROCESSOR_MODE), "Mode must be a KPROCESSOR_MODE")

#define ReadStructFromUser(Destination, Source)                                          \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        ReadStructFromUserHelper((Destination), (Source), sizeof(*(Destination)));       \
    } while (0)

#define ReadStructFromUserAligned(Destination, Source, Alignment)                        \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        ExProbeAlignment((Source), sizeof(*(Destination)), (Alignment));                 \
        ReadStructFromUserHelper((Destination), (Source), sizeof(*(Destination)));       \
    } while (0)

#define WriteStructToUser(Destination, Source)                                           \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        WriteStructToUserHelper((Destination), (Source), sizeof(*(Source)));             \
    } while (0)

#define WriteStructToUserAligned(Destination, Source, Alignment)                         \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        ExProbeAlignment((Destination), sizeof(*(Source)), (Alignment));                 \
        WriteStructToUserHelper((Destination), (Source), sizeof(*(Source)));             \
    } while (0)

#define ReadStructFromMode(Destination, Source, Mode)                                    \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        UMA_ASSERT_MODE_TYPE(Mode);                                                      \
        ReadStructFromModeHelper((Destination), (Source), sizeof(*(Destination)), (Mode)); \
    } while (0)

#define ReadStructFromModeAligned(Destination, Source, Mode, Alignment)                  \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        UMA_ASSERT_MODE_TYPE(Mode);                                                      \
        if ((Mode) != KernelMode) {                                                      \
            ExProbeAlignment((Source), sizeof(*(Destination)), (Alignment));             \
        }                                                                                \
        ReadStructFromModeHelper((Destination), (Source), sizeof(*(Destination)), (Mode)); \
    } while (0)

#define WriteStructToMode(Destination, Source, Mode)                                     \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        UMA_ASSERT_MODE_TYPE(Mode);                                                      \
        WriteStructToModeHelper((Destination), (Source), sizeof(*(Source)), (Mode));     \
    } while (0)

#define WriteStructToModeAligned(Destination, Source, Mode, Alignment)                   \
    do {                                                                                 \
        RtlTypesCompatible(Destination, Source);                                         \
        UMA_ASSERT_MODE_TYPE(Mode);                                                      \
        if ((Mode) != KernelMode) {                                                      \
            ExProbeAlignment((Destination), sizeof(*(Source)), (Alignment));             \
        }                                                                                \
        WriteStructToModeHelper((Destination), (Source), sizeof(*(Source)), (Mode));     \
    } while (0)

/* ---- 1.8 aligned copy macros: the user-side pointer must be aligned ------ */
#define CopyFromUserAligned(Destination, Source, Length, Alignment)                      \
    do {                                                                                 \
        ExProbeAlignment((Source), (Length), (Alignment));                               \
        CopyFromUser((Destination), (Source), (Length));                                 \
    } while (0)

#define CopyFromModeAligned(Destination, Source, Length, Mode, Alignment)                \
    do {                                                                                 \
        if ((Mode) != KernelMode) {                                                      \
            ExProbeAlignment((Source), (Length), (Alignment));                           \
        }                                                                                \
        CopyFromMode((Destination), (Source), (Length), (Mode));                         \
    } while (0)

#define CopyToUserAligned(Destination, Source, Length, Alignment)                        \
    do {                                                                                 \
        ExProbeAlignment((Destination), (Length), (Alignment));                          \
        CopyToUser((Destination), (Source), (Length));                                   \
    } while (0)

#define CopyToModeAligned(Destination, Source, Length, Mode, Alignment)                  \
    do {                                                                                 \
        if ((Mode) != KernelMode) {                                                      \
            ExProbeAlignment((Destination), (Length), (Alignment));                      \
        }                                                                                \
        CopyToMode((Destination), (Source), (Length), (Mode));                           \
    } while (0)

/* ---- 1.9 C11 _Generic dispatchers -------------------------------------------
 * The controlling expression *(p) is not evaluated; its lvalue conversion
 * drops const/volatile, so plain, const and volatile pointers all select
 * the same function. ULONG/LONG sit in a nested default branch because on
 * the host they are the same types as UINT32/INT32, and a _Generic list
 * must not name a type twice. Other types (BOOLEAN, HANDLE, ...) select
 * the enum constant below, and calling it fails to compile ("called object
 * UmaGenericAccessorUnsupportedType is not a function"). */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
enum { UmaGenericAccessorUnsupportedType = 0 };
#define UMA_GENERIC_SELECT(Object, Read, Op)                                             \
    _Generic((Object),                                                                   \
        UINT8: UMA_GENERIC_NAME(Read, UInt8, Op),                                        \
        INT8: UMA_GENERIC_NAME(Read, Int8, Op),                                          \
        UINT16: UMA_GENERIC_NAME(Read, UInt16, Op),                                      \
        INT16: UMA_GENERIC_NAME(Read, Int16, Op),                                        \
        UINT32: UMA_GENERIC_NAME(Read, UInt32, Op),                                      \
        INT32: UMA_GENERIC_NAME(Read, Int32, Op),                                        \
        UINT64: UMA_GENERIC_NAME(Read, UInt64, Op),                                      \
        INT64: UMA_GENERIC_NAME(Read, Int64, Op),                                        \
        PVOID: UMA_GENERIC_NAME(Read, Pointer, Op),                                      \
        LARGE_INTEGER: UMA_GENERIC_NAME(Read, LargeInteger, Op),                         \
        ULARGE_INTEGER: UMA_GENERIC_NAME(Read, ULargeInteger, Op),                       \
        UNICODE_STRING: UMA_GENERIC_NAME(Read, UnicodeString, Op),                       \
        default: _Generic((Object),                                                      \
            ULONG: UMA_GENERIC_NAME(Read, ULong, Op),                                    \
            LONG: UMA_GENERIC_NAME(Read, Long, Op),                                      \
            default: UmaGenericAccessorUnsupportedType))
#define UMA_GENERIC_NAME(Read, T, Op) UMA_GENERIC_NAME_##Read(T, Op)
#define UMA_GENERIC_NAME_1(T, Op) UMA_AT(Read##T##From##Op)
#define UMA_GENERIC_NAME_0(T, Op) Write##T##To##Op

#define ReadFromUser(Source) \
    UMA_GENERIC_SELECT(*(Source), 1, User)((Source) UMA_SITE_HERE)
#define ReadFromMode(Source, ProcessorMode) \
    UMA_GENERIC_SELECT(*(Source), 1, Mode)((Source), (ProcessorMode) UMA_SITE_HERE)
#define WriteToUser(Destination, Value) \
    UMA_GENERIC_SELECT(*(Destination), 0, User)((Destination), (Value))
#define WriteToMode(Destination, Value, ProcessorMode) \
    UMA_GENERIC_SELECT(*(Destination), 0, Mode)((Destination), (Value), (ProcessorMode))
#endif

/* ---- 1.10 exception filter -------------------------------------------------
 * A fault on a user pointer is an ordinary bad-buffer error (handle it); a
 * fault on a kernel pointer is a real bug (keep searching, normally to a
 * bugcheck). */
UMA_FORCEINLINE LONG UmaExceptionFilter(KPROCESSOR_MODE Mode)
{
    return Mode != KernelMode ? 1 /* EXCEPTION_EXECUTE_HANDLER */
                              : 0 /* EXCEPTION_CONTINUE_SEARCH */;
}

#undef UMA_DEFINE_TYPED_ACCESSORS
#undef UMA_DEFINE_LARGE_INTEGER_ACCESSORS

/* Host: route calls through the call-site-carrying variants. Must come
 * after every definition above, so the definitions keep their names. */
#if defined(UMA_HOST_RUNTIME) && !defined(UMA_NO_CALL_SITES)
#  include "uma_call_sites.h"
#endif

#endif /* !_EXCLUDE_EXTENDED_UMA_FUNCTIONS_ */

#endif /* USERMODE_ACCESSORS_H */
