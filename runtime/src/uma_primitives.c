/*
 * uma_primitives.c - the Rtl* accessor primitives of the host runtime.
 *
 * Each primitive does what the down-level umaccess.lib does on Windows -
 * ProbeForRead(p, n, 1), then a volatile access - except that the access
 * goes through the accessor alias of the emulated user window (the kernel-
 * visible addresses are a SMAP trap). A fault there (unmapped or protected
 * page) is turned into STATUS_ACCESS_VIOLATION by the fault handler.
 *
 * Reading primitives take the call site that the public wrapper noted and,
 * after a successful read, tell the double-fetch recorder which bytes were
 * fetched. One call is one fetch, however often a bulk copy touches a byte.
 * Interlocked operations are read-modify-writes, not fetches for a later
 * use, and are not recorded.
 */
#include "uma_internal.h"

#include <string.h>

_Thread_local struct uma_pending_call_site uma_pending_call_site;

#define CALLER() __builtin_return_address(0)

/* ---- scalar loads and stores ----------------------------------------------
 * Alignment is not enforced. Relaxed accesses go through the unaligned
 * volatile types; acquire/release use __atomic on aligned addresses and a
 * fence around a plain volatile access otherwise. */

#define DEFINE_SCALAR(Prim, Type)                                                              \
    static Type load_##Prim(const volatile Type *user, int order, const void *caller)          \
    {                                                                                          \
        struct uma_fetch_site site = uma_take_call_site(caller);                               \
        const volatile UmaUnaligned##Prim *alias;                                              \
        Type value;                                                                            \
        uma_probe_user_range(user, sizeof(Type));                                              \
        alias = uma_alias_of(user);                                                            \
        if (order == __ATOMIC_RELAXED) {                                                       \
            value = *alias;                                                                    \
        } else if (((uintptr_t)alias & (sizeof(Type) - 1)) == 0) {                            \
            value = __atomic_load_n((const volatile Type *)alias, __ATOMIC_ACQUIRE);           \
        } else {                                                                               \
            value = *alias;                                                                    \
            __atomic_thread_fence(__ATOMIC_ACQUIRE);                                           \
        }                                                                                      \
        uma_recorder_note_fetch(user, sizeof(Type), &site);                                    \
        return value;                                                                          \
    }                                                                                          \
    static void store_##Prim(volatile Type *user, Type value, int order)                       \
    {                                                                                          \
        volatile UmaUnaligned##Prim *alias;                                                    \
        uma_probe_user_range(user, sizeof(Type));                                              \
        alias = uma_alias_of(user);                                                            \
        if (order == __ATOMIC_RELAXED) {                                                       \
            *alias = value;                                                                    \
        } else if (((uintptr_t)alias & (sizeof(Type) - 1)) == 0) {                             \
            __atomic_store_n((volatile Type *)alias, value, __ATOMIC_RELEASE);                 \
        } else {                                                                               \
            __atomic_thread_fence(__ATOMIC_RELEASE);                                           \
            *alias = value;                                                                    \
        }                                                                                      \
    }                                                                                          \
    Type RtlRead##Prim##FromUser(const volatile Type *Address)                                 \
    {                                                                                          \
        return load_##Prim(Address, __ATOMIC_RELAXED, CALLER());                               \
    }                                                                                          \
    Type RtlRead##Prim##FromUserAcquire(const volatile Type *Address)                          \
    {                                                                                          \
        return load_##Prim(Address, __ATOMIC_ACQUIRE, CALLER());                               \
    }                                                                                          \
    VOID RtlWrite##Prim##ToUser(volatile Type *Address, Type Value)                            \
    {                                                                                          \
        store_##Prim(Address, Value, __ATOMIC_RELAXED);                                        \
    }                                                                                          \
    VOID RtlWrite##Prim##ToUserRelease(volatile Type *Address, Type Value)                     \
    {                                                                                          \
        store_##Prim(Address, Value, __ATOMIC_RELEASE);                                        \
    }

DEFINE_SCALAR(UChar, UCHAR)
DEFINE_SCALAR(UShort, USHORT)
DEFINE_SCALAR(ULong, ULONG)
DEFINE_SCALAR(ULong64, ULONG64)

/* ---- bulk copies and fill ----------------------------------------------------
 * memcpy/memmove/memset on the alias: the primitives are out of line, so
 * the compiler cannot elide or split them, and the copy may touch bytes
 * more than once, which the API allows. Zero length does nothing at all. */

static void copy_from_user(volatile VOID *destination, const volatile VOID *source, SIZE_T length,
                           const void *caller)
{
    struct uma_fetch_site site = uma_take_call_site(caller);
    if (length == 0) {
        return;
    }
    uma_probe_user_range(source, length);
    memcpy((void *)destination, uma_alias_of(source), length);
    uma_recorder_note_fetch(source, length, &site);
}

VOID RtlCopyFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    copy_from_user(Destination, Source, Length, CALLER());
}

VOID RtlCopyFromUserNonTemporal(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    copy_from_user(Destination, Source, Length, CALLER());
}

static void copy_to_user(volatile VOID *destination, const volatile VOID *source, SIZE_T length)
{
    if (length == 0) {
        return;
    }
    uma_probe_user_range(destination, length);
    memcpy(uma_alias_of(destination), (const void *)source, length);
}

VOID RtlCopyToUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    copy_to_user(Destination, Source, Length);
}

VOID RtlCopyToUserNonTemporal(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    copy_to_user(Destination, Source, Length);
}

static void copy_user_to_user(volatile VOID *destination, const volatile VOID *source, SIZE_T length,
                              bool may_overlap, const void *caller)
{
    struct uma_fetch_site site = uma_take_call_site(caller);
    if (length == 0) {
        return;
    }
    uma_probe_user_range(source, length);
    uma_probe_user_range(destination, length);
    if (may_overlap) {
        memmove(uma_alias_of(destination), uma_alias_of(source), length);
    } else {
        memcpy(uma_alias_of(destination), uma_alias_of(source), length);
    }
    uma_recorder_note_fetch(source, length, &site);
}

VOID RtlCopyToUserFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    copy_user_to_user(Destination, Source, Length, false, CALLER());
}

VOID RtlMoveToUserFromUser(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    copy_user_to_user(Destination, Source, Length, true, CALLER());
}

VOID RtlSetUserMemory(volatile VOID *Destination, UCHAR Fill, SIZE_T Length)
{
    if (Length == 0) {
        return;
    }
    uma_probe_user_range(Destination, Length);
    memset(uma_alias_of(Destination), Fill, Length);
}

/* ---- string lengths -----------------------------------------------------------
 * Walk one character at a time, checking each against the top of user
 * space (the probe of every RtlReadUCharFromUser of the down-level loop),
 * and record the whole string including its terminator as one fetch. */

SIZE_T RtlStringLengthFromUser(const volatile CHAR *String)
{
    struct uma_fetch_site site = uma_take_call_site(CALLER());
    uintptr_t start = (uintptr_t)String;
    SIZE_T length = 0;

    for (;;) {
        uma_probe_user_range((const volatile void *)(start + length), 1);
        if (*(const volatile CHAR *)uma_alias_of((const volatile void *)(start + length)) == 0) {
            break;
        }
        length++;
    }
    uma_recorder_note_fetch(String, length + 1, &site);
    return length;
}

SIZE_T RtlWideStringLengthFromUser(const volatile WCHAR *String)
{
    struct uma_fetch_site site = uma_take_call_site(CALLER());
    uintptr_t start = (uintptr_t)String;
    SIZE_T length = 0;

    for (;;) {
        uintptr_t character = start + length * sizeof(WCHAR);
        uma_probe_user_range((const volatile void *)character, sizeof(WCHAR));
        if (*(const volatile UmaUnalignedUShort *)uma_alias_of((const volatile void *)character) == 0) {
            break;
        }
        length++;
    }
    uma_recorder_note_fetch(String, (length + 1) * sizeof(WCHAR), &site);
    return length;
}

/* ---- interlocked ------------------------------------------------------------
 * Natural alignment is required: ProbeForRead(p, size, size) raises
 * STATUS_DATATYPE_MISALIGNMENT first. The alias maps the same physical
 * memory, so the atomics are atomic against the user's view too. */

#define DEFINE_INTERLOCKED(Bits, Type)                                                         \
    Type RtlInterlockedCompareExchange##Bits##ToUser(volatile Type *Destination, Type ExChange, \
                                                     Type Comperand)                           \
    {                                                                                          \
        volatile Type *alias;                                                                  \
        ProbeForRead(Destination, sizeof(Type), sizeof(Type));                                 \
        alias = uma_alias_of(Destination);                                                     \
        __atomic_compare_exchange_n(alias, &Comperand, ExChange, false, __ATOMIC_SEQ_CST,      \
                                    __ATOMIC_SEQ_CST);                                         \
        return Comperand;                                                                      \
    }                                                                                          \
    Type RtlInterlockedOr##Bits##ToUser(volatile Type *Destination, Type Value)                \
    {                                                                                          \
        ProbeForRead(Destination, sizeof(Type), sizeof(Type));                                 \
        return __atomic_fetch_or((volatile Type *)uma_alias_of(Destination), Value,            \
                                 __ATOMIC_SEQ_CST);                                            \
    }                                                                                          \
    Type RtlInterlockedAnd##Bits##ToUser(volatile Type *Destination, Type Value)               \
    {                                                                                          \
        ProbeForRead(Destination, sizeof(Type), sizeof(Type));                                 \
        return __atomic_fetch_and((volatile Type *)uma_alias_of(Destination), Value,           \
                                  __ATOMIC_SEQ_CST);                                           \
    }

DEFINE_INTERLOCKED(32, LONG)
DEFINE_INTERLOCKED(64, LONG64)
