/*
 * excpt.h - structured exception handling (SEH) for driver code.
 *
 * Driver code guards user-memory access with __try/__except and releases
 * resources in __try/__finally.  This header lets that code compile
 * unchanged in two worlds:
 *
 *   - Windows targets (MSVC, or clang --target=*-windows-msvc
 *     -fms-extensions): the compiler implements __try/__except/__finally/
 *     __leave itself.  We only supply the filter constants and the
 *     intrinsic-backed accessors GetExceptionCode(), GetExceptionInformation()
 *     and AbnormalTermination().
 *
 *   - Host mode (gcc/clang on Linux): the keywords are macros over
 *     sigsetjmp/siglongjmp and a per-thread chain of frames kept by
 *     runtime/src/seh.c.  uma_seh_raise() unwinds to the innermost
 *     __try of the calling thread, running __finally blocks on the way.
 *
 * The header depends on nothing but the C library: the WDK shim headers
 * include it, never the other way round.  The status type is int32_t, the
 * same width and signedness as NTSTATUS.
 *
 * ---------------------------------------------------------------------------
 * Host-mode semantics and limits (read before writing tests against it)
 * ---------------------------------------------------------------------------
 *  1. Like setjmp: an automatic variable that is modified inside a __try
 *     body and read in the __except/__finally block (or after the statement,
 *     once an exception went through) must be declared volatile.  Its value
 *     is otherwise indeterminate: from -O1 on, gcc and clang really do hand
 *     back the value it had at __try (gcc's -Wclobbered warns, clang says
 *     nothing).  Code that cannot be edited, such as unmodified driver
 *     sources in a test harness, gets MSVC-like behaviour by defining
 *     UMA_SEH_PRESERVE_LOCALS before including this header (or by building
 *     with -O0): the rest of the translation unit is then compiled
 *     unoptimized, so every local lives in memory.
 *  2. Dispatch is one-pass: raising jumps to the innermost frame; a
 *     __finally frame runs its block and passes the exception on; an
 *     __except frame then evaluates its filter.  So __finally blocks of
 *     inner frames run BEFORE the filter of an outer frame (MSVC evaluates
 *     all filters first, then unwinds).  Only filters with side effects
 *     can tell.
 *  3. EXCEPTION_CONTINUE_EXECUTION cannot resume a raised status (it is not
 *     continuable under Windows either): the filter returning a negative
 *     value raises STATUS_NONCONTINUABLE_EXCEPTION from the filter.
 *  4. Leaving a __try body by return, goto, break or continue unregisters
 *     its frame (a later raise goes to the right outer frame) and break/
 *     continue act on the USER's enclosing loop, as with MSVC.  But the
 *     __finally block is NOT run on those paths: C offers no way to run
 *     caller-written code from a scope-exit hook.  Normal completion,
 *     __leave and exceptions do run it.  Use __leave instead of return in
 *     a __try/__finally body (MSVC code style recommends that anyway).
 *  5. A __finally block runs inside a one-shot loop (it must pass an
 *     exception on after it ends), so break/continue in a __finally block
 *     end the block rather than the user's loop; during unwinding that also
 *     dismisses the exception (MSVC leaves this undefined).  An __except
 *     block is a plain block: break/continue/return work there as in MSVC.
 *  6. GetExceptionCode() in a filter yields the code being dispatched.  In
 *     an __except block it yields the code of the exception most recently
 *     handed to a handler on this thread: read it before anything inside
 *     the handler can itself handle an exception (the usual idiom,
 *     "status = GetExceptionCode();" first, is always right).
 *  7. Do not leave a __try body with a plain longjmp: that skips the
 *     scope-exit hook and leaves a dead frame on the chain.
 *  8. Each __try statement is one C statement, so it may be the unbraced
 *     body of if/else/for/while.
 *  9. GetExceptionCode() is int32_t (NTSTATUS), not MSVC's unsigned long:
 *     compare it with STATUS_* constants (signed), not bare hex literals,
 *     or -Wsign-compare fires.
 * 10. The macros use GNU C extensions (__label__, the cleanup attribute),
 *     fine for gcc and clang in any -std= mode, but -Wpedantic objects.
 */
#ifndef UMA_EXCPT_H
#define UMA_EXCPT_H

/* Filter results, shared by both worlds. */
#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

#if defined(_MSC_VER) || defined(_WIN32)

/* Native SEH: the compiler owns the keywords, these are its intrinsics. */
unsigned long __cdecl _exception_code(void);
void *__cdecl _exception_info(void);
int __cdecl _abnormal_termination(void);

#define GetExceptionCode() _exception_code()
#define GetExceptionInformation() _exception_info()
#define AbnormalTermination() _abnormal_termination()

#else /* host mode */

/* sigsetjmp is POSIX; strict ISO mode hides it unless a feature macro asks. */
#if defined(__STRICT_ANSI__) && !defined(_POSIX_C_SOURCE) && \
    !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE) && !defined(_DEFAULT_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <setjmp.h>
#include <stdint.h>

/* Opt-in for harnesses that compile unmodified driver code (which does not
 * declare its locals volatile, see note 1): compile everything after this
 * header unoptimized, so that locals live in memory and survive the
 * longjmp.  Define UMA_SEH_PRESERVE_LOCALS before including the header. */
#ifdef UMA_SEH_PRESERVE_LOCALS
#if defined(__clang__)
#pragma clang optimize off
#elif defined(__GNUC__)
#pragma GCC optimize("O0")
#endif
#endif

#ifndef sigsetjmp
#error "excpt.h needs POSIX sigsetjmp: compile with -D_GNU_SOURCE or -D_POSIX_C_SOURCE=200809L"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Where an exception came from, kept so that a re-raise reports the
 * original site.  text wins when set; else address is a code address. */
struct uma_seh_site {
    const char *text;
    const void *address;
};

/* One active __try, living in the guarded function's stack frame. */
struct uma_seh_frame {
    sigjmp_buf resume;           /* the sigsetjmp of the __try */
    struct uma_seh_frame *outer; /* next frame out on this thread */
    struct uma_seh_site site;    /* of the exception dispatched here */
    int32_t code;                /* exception dispatched here */
    unsigned char linked;        /* still on the thread's chain */
    unsigned char raised;        /* an exception landed in this frame */
};

/* State of one running __finally block (see AbnormalTermination()). */
struct uma_seh_termination {
    struct uma_seh_site site;
    int32_t code;
    unsigned char pending; /* the block has not finished yet */
    unsigned char abnormal; /* entered because of an exception */
};

/* ---- public API -------------------------------------------------------- */

/* Raise a status exception: unwind to the innermost __try of this thread.
 * Without one, print a STOP line on stderr and abort(). */
_Noreturn void uma_seh_raise(int32_t status);

/* Same, naming the raise site in the STOP message (e.g. "file.c:12"). */
_Noreturn void uma_seh_raise_at(int32_t status, const char *site);

/* Same, for a signal handler (SIGSEGV -> STATUS_ACCESS_VIOLATION).  The
 * target __try restores the signal mask it saw, so the signal is unblocked
 * again.  All three raise functions may be called from a signal handler
 * that interrupted code outside the runtime (uma_seh_raise_at to name the
 * faulting address, say); the STOP path writes with write(2). */
_Noreturn void uma_seh_raise_from_signal(int32_t status);

/* Called with the status just before an unhandled exception aborts the
 * process (after the STOP line).  The hook may exit or _exit instead.
 * NULL removes it.  Process-wide. */
void uma_seh_set_unhandled_hook(void (*hook)(int32_t status));

/* Number of __try frames active on the calling thread (for tests). */
unsigned uma_seh_active_frames(void);

/* Raise naming the source line: UMA_SEH_RAISE(STATUS_ACCESS_VIOLATION). */
#define UMA_SEH_RAISE(status) \
    uma_seh_raise_at((status), __FILE__ ":" UMA_SEH_STRINGIFY_(__LINE__))
#define UMA_SEH_STRINGIFY_(x) UMA_SEH_STRINGIFY2_(x)
#define UMA_SEH_STRINGIFY2_(x) #x

/* ---- used by the macros only ------------------------------------------- */

void uma_seh_frame_push(struct uma_seh_frame *frame);
void uma_seh_frame_pop(struct uma_seh_frame *frame);
void uma_seh_frame_scope_exit(struct uma_seh_frame *frame);
void uma_seh_filter_begin(struct uma_seh_frame *frame);
void uma_seh_filter_verdict(struct uma_seh_frame *frame, int verdict);
void uma_seh_finally_handoff(const struct uma_seh_frame *frame);
struct uma_seh_termination uma_seh_finally_claim(void);
void uma_seh_finally_complete(struct uma_seh_termination *termination);
int32_t uma_seh_exception_code(void);

#ifdef __cplusplus
}
#endif

#define GetExceptionCode() uma_seh_exception_code()
#define AbnormalTermination() (uma_seh_termination_.abnormal != 0)

/*
 * Expansion of  __try {A} __except (F) {H}  (one statement):
 *
 *   if (1) {
 *       <frame, taken off the chain by a scope-exit hook on any way out>
 *       if (sigsetjmp(frame) == 0) { push; {A} leave: pop; }
 *       else { <evaluate F: handle, or pass on and never return>
 *              goto handler; }
 *   } else handler: {H}
 *
 * A sits in no loop or switch, so break/continue in it reach the user's
 * loop; H is the plain else-branch, so the same holds there.  __finally
 * replaces the else-branch by a one-shot loop whose step passes a pending
 * exception on.  Labels are made unique by __COUNTER__; __leave uses a
 * block-local (__label__) label so it always names the innermost __try.
 */
#define UMA_SEH_SHADOW_OFF_ \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wshadow\"")
#define UMA_SEH_SHADOW_ON_ _Pragma("GCC diagnostic pop")

#define __try                                                                \
    if (1) {                                                                 \
        __label__ uma_seh_leave_;                                            \
        UMA_SEH_SHADOW_OFF_                                                  \
        struct uma_seh_frame uma_seh_frame_                                  \
            __attribute__((cleanup(uma_seh_frame_scope_exit)))               \
            = {.linked = 0};                                                 \
        UMA_SEH_SHADOW_ON_                                                   \
        if (sigsetjmp(uma_seh_frame_.resume, 1) == 0) {                      \
            /* Only now: a raise must never find an unset resume point. */   \
            uma_seh_frame_push(&uma_seh_frame_);                             \
            if (0)                                                           \
                goto uma_seh_leave_; /* a __try without __leave is fine */

/* Shared tail of the __try body: where __leave lands; normal exit pops. */
#define UMA_SEH_BODY_END_                                                    \
            uma_seh_leave_:                                                  \
            uma_seh_frame_pop(&uma_seh_frame_);                              \
        }

#define UMA_SEH_LABEL_(kind, id) uma_seh_##kind##_##id

/* Variadic so that a comma expression needs no extra parentheses. */
#define __except(...) UMA_SEH_EXCEPT_(__COUNTER__, __VA_ARGS__)
#define UMA_SEH_EXCEPT_(id, ...) UMA_SEH_EXCEPT_AT_(id, __VA_ARGS__)
#define UMA_SEH_EXCEPT_AT_(id, ...)                                          \
        UMA_SEH_BODY_END_                                                    \
        else {                                                               \
            uma_seh_filter_begin(&uma_seh_frame_);                           \
            uma_seh_filter_verdict(&uma_seh_frame_, (int)(__VA_ARGS__));     \
            goto UMA_SEH_LABEL_(handler, id);                                \
        }                                                                    \
    } else                                                                   \
        UMA_SEH_LABEL_(handler, id):

#define __finally UMA_SEH_FINALLY_(__COUNTER__)
#define UMA_SEH_FINALLY_(id) UMA_SEH_FINALLY_AT_(id)
#define UMA_SEH_FINALLY_AT_(id)                                              \
        UMA_SEH_BODY_END_                                                    \
        uma_seh_finally_handoff(&uma_seh_frame_);                            \
        goto UMA_SEH_LABEL_(finally, id);                                    \
    } else                                                                   \
        UMA_SEH_LABEL_(finally, id):                                         \
        UMA_SEH_SHADOW_OFF_                                                  \
        for (struct uma_seh_termination uma_seh_termination_ =               \
                 uma_seh_finally_claim();                                    \
             uma_seh_termination_.pending;                                   \
             uma_seh_finally_complete(&uma_seh_termination_))                \
        UMA_SEH_SHADOW_ON_

#define __leave goto uma_seh_leave_

#endif /* host mode */

#endif /* UMA_EXCPT_H */
