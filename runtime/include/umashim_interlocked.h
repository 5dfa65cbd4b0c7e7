/*
 * umashim_interlocked.h - umalint WDK shim: interlocked operations,
 * barriers and the Read/Write{Type}{NoFence,Acquire,Release,Raw} accessors.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). Included by
 * wdm.h; do not include directly.
 *
 * Windows target: InterlockedXxx are macros naming the compiler intrinsics
 * _InterlockedXxx (clang provides them as builtins under -fms-extensions;
 * they are declared here with the intrinsic signatures).
 * Host mode: InterlockedXxx are inline functions over GCC __atomic builtins.
 */
#ifndef UMASHIM_INTERLOCKED_H
#define UMASHIM_INTERLOCKED_H

#include <ntdef.h>

EXTERN_C_START

#if defined(UMASHIM_WINDOWS)

/* Compiler intrinsics (builtins of clang for the MSVC target). */
char _InterlockedExchange8(char volatile *Target, char Value);
char _InterlockedCompareExchange8(char volatile *Destination, char Exchange, char Comparand);
char _InterlockedOr8(char volatile *Destination, char Value);
char _InterlockedAnd8(char volatile *Destination, char Value);
char _InterlockedXor8(char volatile *Destination, char Value);
short _InterlockedIncrement16(short volatile *Addend);
short _InterlockedDecrement16(short volatile *Addend);
short _InterlockedExchange16(short volatile *Target, short Value);
short _InterlockedCompareExchange16(short volatile *Destination, short Exchange, short Comparand);
short _InterlockedOr16(short volatile *Destination, short Value);
short _InterlockedAnd16(short volatile *Destination, short Value);
short _InterlockedXor16(short volatile *Destination, short Value);
long _InterlockedIncrement(long volatile *Addend);
long _InterlockedDecrement(long volatile *Addend);
long _InterlockedExchange(long volatile *Target, long Value);
long _InterlockedExchangeAdd(long volatile *Addend, long Value);
long _InterlockedCompareExchange(long volatile *Destination, long Exchange, long Comparand);
long _InterlockedOr(long volatile *Destination, long Value);
long _InterlockedAnd(long volatile *Destination, long Value);
long _InterlockedXor(long volatile *Destination, long Value);
__int64 _InterlockedIncrement64(__int64 volatile *Addend);
__int64 _InterlockedDecrement64(__int64 volatile *Addend);
__int64 _InterlockedExchange64(__int64 volatile *Target, __int64 Value);
__int64 _InterlockedExchangeAdd64(__int64 volatile *Addend, __int64 Value);
__int64 _InterlockedCompareExchange64(__int64 volatile *Destination, __int64 Exchange, __int64 Comparand);
__int64 _InterlockedOr64(__int64 volatile *Destination, __int64 Value);
__int64 _InterlockedAnd64(__int64 volatile *Destination, __int64 Value);
__int64 _InterlockedXor64(__int64 volatile *Destination, __int64 Value);
void *_InterlockedExchangePointer(void *volatile *Target, void *Value);
void *_InterlockedCompareExchangePointer(void *volatile *Destination, void *Exchange, void *Comparand);
void _ReadWriteBarrier(void);
void __faststorefence(void);
DECLSPEC_NORETURN void __fastfail(unsigned int Code);

#define InterlockedExchange8 _InterlockedExchange8
#define InterlockedCompareExchange8 _InterlockedCompareExchange8
#define InterlockedOr8 _InterlockedOr8
#define InterlockedAnd8 _InterlockedAnd8
#define InterlockedXor8 _InterlockedXor8
#define InterlockedIncrement16 _InterlockedIncrement16
#define InterlockedDecrement16 _InterlockedDecrement16
#define InterlockedExchange16 _InterlockedExchange16
#define InterlockedCompareExchange16 _InterlockedCompareExchange16
#define InterlockedOr16 _InterlockedOr16
#define InterlockedAnd16 _InterlockedAnd16
#define InterlockedXor16 _InterlockedXor16
#define InterlockedIncrement _InterlockedIncrement
#define InterlockedDecrement _InterlockedDecrement
#define InterlockedExchange _InterlockedExchange
#define InterlockedExchangeAdd _InterlockedExchangeAdd
#define InterlockedCompareExchange _InterlockedCompareExchange
#define InterlockedOr _InterlockedOr
#define InterlockedAnd _InterlockedAnd
#define InterlockedXor _InterlockedXor
#define InterlockedIncrement64 _InterlockedIncrement64
#define InterlockedDecrement64 _InterlockedDecrement64
#define InterlockedExchange64 _InterlockedExchange64
#define InterlockedExchangeAdd64 _InterlockedExchangeAdd64
#define InterlockedCompareExchange64 _InterlockedCompareExchange64
#define InterlockedOr64 _InterlockedOr64
#define InterlockedAnd64 _InterlockedAnd64
#define InterlockedXor64 _InterlockedXor64
#define InterlockedExchangePointer _InterlockedExchangePointer
#define InterlockedCompareExchangePointer _InterlockedCompareExchangePointer

FORCEINLINE LONG InterlockedAdd(_Inout_ _Interlocked_operand_ LONG volatile *Addend, _In_ LONG Value)
{
    return _InterlockedExchangeAdd(Addend, Value) + Value;
}

FORCEINLINE LONG64 InterlockedAdd64(_Inout_ _Interlocked_operand_ LONG64 volatile *Addend, _In_ LONG64 Value)
{
    return _InterlockedExchangeAdd64(Addend, Value) + Value;
}

#define KeMemoryBarrierWithoutFence() _ReadWriteBarrier()
#define MemoryBarrier __faststorefence
#define KeMemoryBarrier() MemoryBarrier()

#else /* host mode */

FORCEINLINE CHAR InterlockedExchange8(CHAR volatile *Target, CHAR Value)
{ return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE CHAR InterlockedCompareExchange8(CHAR volatile *Destination, CHAR Exchange, CHAR Comparand)
{ __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return Comparand; }
FORCEINLINE CHAR InterlockedOr8(CHAR volatile *Destination, CHAR Value)
{ return __atomic_fetch_or(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE CHAR InterlockedAnd8(CHAR volatile *Destination, CHAR Value)
{ return __atomic_fetch_and(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE CHAR InterlockedXor8(CHAR volatile *Destination, CHAR Value)
{ return __atomic_fetch_xor(Destination, Value, __ATOMIC_SEQ_CST); }

FORCEINLINE SHORT InterlockedIncrement16(SHORT volatile *Addend)
{ return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST); }
FORCEINLINE SHORT InterlockedDecrement16(SHORT volatile *Addend)
{ return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST); }
FORCEINLINE SHORT InterlockedExchange16(SHORT volatile *Target, SHORT Value)
{ return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE SHORT InterlockedCompareExchange16(SHORT volatile *Destination, SHORT Exchange, SHORT Comparand)
{ __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return Comparand; }
FORCEINLINE SHORT InterlockedOr16(SHORT volatile *Destination, SHORT Value)
{ return __atomic_fetch_or(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE SHORT InterlockedAnd16(SHORT volatile *Destination, SHORT Value)
{ return __atomic_fetch_and(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE SHORT InterlockedXor16(SHORT volatile *Destination, SHORT Value)
{ return __atomic_fetch_xor(Destination, Value, __ATOMIC_SEQ_CST); }

FORCEINLINE LONG InterlockedIncrement(LONG volatile *Addend)
{ return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedDecrement(LONG volatile *Addend)
{ return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{ return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{ return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedAdd(LONG volatile *Addend, LONG Value)
{ return __atomic_add_fetch(Addend, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand)
{ __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return Comparand; }
FORCEINLINE LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{ return __atomic_fetch_or(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{ return __atomic_fetch_and(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG InterlockedXor(LONG volatile *Destination, LONG Value)
{ return __atomic_fetch_xor(Destination, Value, __ATOMIC_SEQ_CST); }

FORCEINLINE LONG64 InterlockedIncrement64(LONG64 volatile *Addend)
{ return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedDecrement64(LONG64 volatile *Addend)
{ return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedExchange64(LONG64 volatile *Target, LONG64 Value)
{ return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend, LONG64 Value)
{ return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedAdd64(LONG64 volatile *Addend, LONG64 Value)
{ return __atomic_add_fetch(Addend, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination, LONG64 Exchange, LONG64 Comparand)
{ __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return Comparand; }
FORCEINLINE LONG64 InterlockedOr64(LONG64 volatile *Destination, LONG64 Value)
{ return __atomic_fetch_or(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedAnd64(LONG64 volatile *Destination, LONG64 Value)
{ return __atomic_fetch_and(Destination, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE LONG64 InterlockedXor64(LONG64 volatile *Destination, LONG64 Value)
{ return __atomic_fetch_xor(Destination, Value, __ATOMIC_SEQ_CST); }

FORCEINLINE PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{ return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST); }
FORCEINLINE PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange, PVOID Comparand)
{ __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return Comparand; }

#define KeMemoryBarrierWithoutFence() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define MemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define KeMemoryBarrier() MemoryBarrier()
#define _ReadWriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)

/* __fastfail: a host runtime may define its own before including. */
#ifndef __fastfail
#define __fastfail(Code) ((void)(Code), __builtin_trap())
#endif

#endif /* host mode */

/* Ordering variants map to the full-barrier forms. */
#define InterlockedIncrementAcquire InterlockedIncrement
#define InterlockedIncrementRelease InterlockedIncrement
#define InterlockedIncrementNoFence InterlockedIncrement
#define InterlockedDecrementAcquire InterlockedDecrement
#define InterlockedDecrementRelease InterlockedDecrement
#define InterlockedDecrementNoFence InterlockedDecrement
#define InterlockedExchangeAcquire InterlockedExchange
#define InterlockedExchangeNoFence InterlockedExchange
#define InterlockedExchangeAddNoFence InterlockedExchangeAdd
#define InterlockedCompareExchangeAcquire InterlockedCompareExchange
#define InterlockedCompareExchangeRelease InterlockedCompareExchange
#define InterlockedCompareExchangeNoFence InterlockedCompareExchange
#define InterlockedOrAcquire InterlockedOr
#define InterlockedOrRelease InterlockedOr
#define InterlockedOrNoFence InterlockedOr
#define InterlockedAndAcquire InterlockedAnd
#define InterlockedAndRelease InterlockedAnd
#define InterlockedAndNoFence InterlockedAnd
#define InterlockedIncrementSizeT(a) ((SIZE_T)InterlockedIncrement64((LONG64 volatile *)(a)))
#define InterlockedDecrementSizeT(a) ((SIZE_T)InterlockedDecrement64((LONG64 volatile *)(a)))
#define InterlockedExchangeAddSizeT(a, b) \
    ((SIZE_T)InterlockedExchangeAdd64((LONG64 volatile *)(a), (LONG64)(b)))
#define InterlockedCompareExchangePointerAcquire InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerRelease InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerNoFence InterlockedCompareExchangePointer
#define InterlockedExchangePointerAcquire InterlockedExchangePointer
#define InterlockedExchangePointerNoFence InterlockedExchangePointer

/* ---- plain volatile reads and writes ------------------------------------
 * x64 is strongly ordered: Acquire/Release/NoFence differ only for the
 * compiler, which the volatile access already restrains. */
/* Read{Pre}{Order}{Suf} / Write{Pre}{Order}{Suf}: e.g. ReadULongNoFence,
 * ReadNoFence (LONG), ReadNoFence64 (LONG64), ReadPointerAcquire. */
#define UMASHIM_RW_ACCESSORS(Pre, Suf, Type)                                           \
    FORCEINLINE Type Read##Pre##Acquire##Suf(_In_ _Interlocked_operand_ Type const volatile *Source) \
    { return *Source; }                                                               \
    FORCEINLINE Type Read##Pre##NoFence##Suf(_In_ _Interlocked_operand_ Type const volatile *Source) \
    { return *Source; }                                                               \
    FORCEINLINE Type Read##Pre##Raw##Suf(_In_ _Interlocked_operand_ Type const volatile *Source)     \
    { return *Source; }                                                               \
    FORCEINLINE VOID Write##Pre##Release##Suf(_Out_ _Interlocked_operand_ Type volatile *Destination, \
                                              _In_ Type Value)                        \
    { *Destination = Value; }                                                         \
    FORCEINLINE VOID Write##Pre##NoFence##Suf(_Out_ _Interlocked_operand_ Type volatile *Destination, \
                                              _In_ Type Value)                        \
    { *Destination = Value; }                                                         \
    FORCEINLINE VOID Write##Pre##Raw##Suf(_Out_ _Interlocked_operand_ Type volatile *Destination,     \
                                          _In_ Type Value)                            \
    { *Destination = Value; }

UMASHIM_RW_ACCESSORS(UChar, , UCHAR)
UMASHIM_RW_ACCESSORS(Boolean, , BOOLEAN)
UMASHIM_RW_ACCESSORS(, 8, CHAR)
UMASHIM_RW_ACCESSORS(UShort, , USHORT)
UMASHIM_RW_ACCESSORS(, 16, SHORT)
UMASHIM_RW_ACCESSORS(ULong, , ULONG)
UMASHIM_RW_ACCESSORS(, , LONG)
UMASHIM_RW_ACCESSORS(ULong64, , ULONG64)
UMASHIM_RW_ACCESSORS(, 64, LONG64)
UMASHIM_RW_ACCESSORS(Pointer, , PVOID)
UMASHIM_RW_ACCESSORS(LongPtr, , LONG_PTR)
UMASHIM_RW_ACCESSORS(ULongPtr, , ULONG_PTR)
UMASHIM_RW_ACCESSORS(SizeT, , SIZE_T)

#undef UMASHIM_RW_ACCESSORS

EXTERN_C_END

#endif /* UMASHIM_INTERLOCKED_H */
