/*
 * uma_config.h - build-mode switches shared by usermode_accessors.h.
 *
 * The accessor header is compiled in two worlds:
 *   - Windows target (clang --target=*-windows-msvc or MSVC): everything is
 *     inline and falls back to the down-level behaviour of umaccess.lib
 *     (ProbeForRead with alignment 1, then a volatile access). No host
 *     runtime exists there.
 *   - Host (Linux gcc/clang): the Rtl* primitives are out-of-line functions
 *     in runtime/src that work on an emulated user address space, and the
 *     public wrappers pass their call site down for the double-fetch
 *     recorder.
 * This file decides which world we are in and defines the small helpers
 * (inline keyword, static assert, unaligned scalar types) both need.
 */
#ifndef UMA_CONFIG_H
#define UMA_CONFIG_H

#if defined(_WIN32) || defined(_MSC_VER)
#  define UMA_WINDOWS_TARGET 1
#else
#  define UMA_HOST_RUNTIME 1
#endif

/* Pointer width: the ULongPtr primitives map to the 64-bit ones on 64-bit
 * targets. Linux does not define _WIN64, so look at the pointer size too. */
#if defined(_WIN64) || (defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8)
#  define UMA_POINTER_64 1
#endif

/* The real header refuses to build without an architecture macro; be
 * lenient and infer it, so a parse with incomplete flags still works. */
#if defined(UMA_WINDOWS_TARGET) && !defined(_AMD64_) && !defined(_X86_) && \
    !defined(_ARM64_) && !defined(_ARM_)
#  if defined(_M_X64) || defined(_M_AMD64) || defined(__x86_64__)
#    define _AMD64_
#  elif defined(_M_ARM64) || defined(__aarch64__)
#    define _ARM64_
#  elif defined(_M_ARM) || defined(__arm__)
#    define _ARM_
#  else
#    define _X86_
#  endif
#endif

/* FORCEINLINE-style wrappers. "static" keeps each translation unit's copy
 * private, so a taken address always refers to a real function. */
#if defined(UMA_WINDOWS_TARGET)
#  define UMA_FORCEINLINE static __forceinline
#else
#  define UMA_FORCEINLINE static inline __attribute__((__always_inline__))
#endif

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#  define UMA_STATIC_ASSERT(Condition, Message) _Static_assert(Condition, Message)
#else
#  define UMA_STATIC_ASSERT(Condition, Message) \
      typedef char UmaStaticAssertFailed[(Condition) ? 1 : -1]
#endif

/* Scalar types with alignment 1 that may alias anything: user accessors do
 * not enforce alignment and read fields of any type (UNICODE_STRING's two
 * lengths as one ULONG), so a volatile access through these types is a
 * single, possibly unaligned load or store without undefined behaviour or
 * strict-aliasing trouble at -O2. */
#if defined(UMA_HOST_RUNTIME)
typedef USHORT    __attribute__((__aligned__(1), __may_alias__)) UmaUnalignedUShort;
typedef ULONG     __attribute__((__aligned__(1), __may_alias__)) UmaUnalignedULong;
typedef ULONG64   __attribute__((__aligned__(1), __may_alias__)) UmaUnalignedULong64;
typedef ULONG_PTR __attribute__((__aligned__(1), __may_alias__)) UmaUnalignedULongPtr;
#else
typedef USHORT    UmaUnalignedUShort;   /* x86/x64/ARM64 handle unaligned */
typedef ULONG     UmaUnalignedULong;    /* loads of normal memory         */
typedef ULONG64   UmaUnalignedULong64;
typedef ULONG_PTR UmaUnalignedULongPtr;
#endif
typedef UCHAR UmaUnalignedUChar;

/* Kernel-path scalar access (the NoFence helpers of the newer header):
 * one volatile relaxed load or store. */
#define UMA_KERNEL_READ(Prim, Address) \
    (*(const volatile UmaUnaligned##Prim *)(Address))
#define UMA_KERNEL_WRITE(Prim, Address, Value) \
    (*(volatile UmaUnaligned##Prim *)(Address) = (Value))

/* Atomic read-modify-write on naturally aligned memory, sequentially
 * consistent (the Interlocked* family is a full barrier). */
#if defined(__GNUC__) || defined(__clang__)
#  define UMA_ATOMIC_CAS(Address, ExChange, Comperand) \
      (__atomic_compare_exchange_n((Address), &(Comperand), (ExChange), 0, \
                                   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), (Comperand))
#  define UMA_ATOMIC_OR(Address, Value)  __atomic_fetch_or((Address), (Value), __ATOMIC_SEQ_CST)
#  define UMA_ATOMIC_AND(Address, Value) __atomic_fetch_and((Address), (Value), __ATOMIC_SEQ_CST)
#else
#  define UMA_MSVC_INTERLOCKED 1
#endif

/* memcpy/memset for the kernel-side paths (the host gets them from the
 * shim's <string.h>, the Windows target from the shim's CRT prototypes). */
#if defined(__GNUC__) || defined(__clang__)
#  define UMA_MEMCPY(Destination, Source, Length) __builtin_memcpy((Destination), (Source), (Length))
#else
#  define UMA_MEMCPY(Destination, Source, Length) memcpy((Destination), (Source), (Length))
#endif

#endif /* UMA_CONFIG_H */
