/*
 * seh.c - host-mode runtime of the SEH emulation declared in excpt.h.
 *
 * Each thread keeps a chain of active __try frames (innermost first) in
 * thread-local storage.  Raising pops the innermost frame and siglongjmps
 * into it; the macros in excpt.h then run the __finally block or evaluate
 * the __except filter and, if the exception is not handled there, call
 * back here to pass it on to the next frame.  With no frame left the
 * process stops with a bugcheck-style line, as an unhandled kernel
 * exception would.
 *
 * Everything on the raise path is async-signal-safe (plain thread-local
 * loads/stores, siglongjmp, write, abort) because the accessor runtime
 * raises from its SIGSEGV handler.
 */
#include <excpt.h>

#include <dlfcn.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Raised when a filter asks to resume a raised status, as under Windows. */
#define UMA_STATUS_NONCONTINUABLE_EXCEPTION ((int32_t)0xC0000025u)

/* Innermost active __try of this thread. */
static _Thread_local struct uma_seh_frame *innermost_frame;

/* What GetExceptionCode() returns: set for each filter and handler. */
static _Thread_local int32_t current_exception_code;

/* Hand-over from a finished __try body to its __finally block.  Written
 * right before the jump to the block and read by its first statement; only
 * the frame's scope-exit hook runs in between. */
static _Thread_local struct uma_seh_termination finally_handoff;

static void (*_Atomic unhandled_hook)(int32_t status);

/* ---- the STOP message -------------------------------------------------- */

struct status_name {
    uint32_t code;
    const char *name;
};

/* Codes drivers and the accessor runtime commonly raise. */
static const struct status_name known_statuses[] = {
    {0x80000002u, "STATUS_DATATYPE_MISALIGNMENT"},
    {0x80000003u, "STATUS_BREAKPOINT"},
    {0xC0000005u, "STATUS_ACCESS_VIOLATION"},
    {0xC000000Du, "STATUS_INVALID_PARAMETER"},
    {0xC0000017u, "STATUS_NO_MEMORY"},
    {0xC000001Du, "STATUS_ILLEGAL_INSTRUCTION"},
    {0xC0000025u, "STATUS_NONCONTINUABLE_EXCEPTION"},
    {0xC000008Cu, "STATUS_ARRAY_BOUNDS_EXCEEDED"},
    {0xC0000094u, "STATUS_INTEGER_DIVIDE_BY_ZERO"},
    {0xC0000096u, "STATUS_PRIVILEGED_INSTRUCTION"},
    {0xC000009Au, "STATUS_INSUFFICIENT_RESOURCES"},
    {0xC00000E8u, "STATUS_INVALID_USER_BUFFER"},
    {0xC00000FDu, "STATUS_STACK_OVERFLOW"},
};

static const char *status_name(int32_t status)
{
    for (size_t i = 0; i < sizeof known_statuses / sizeof known_statuses[0]; i++) {
        if (known_statuses[i].code == (uint32_t)status)
            return known_statuses[i].name;
    }
    return "unknown status";
}

/* "module+0x1a2b (symbol+0x1f)" for a return address.  The call itself
 * is one byte earlier: after a call to a noreturn function the return
 * address may already belong to the next function.  module+offset is what
 * addr2line takes; the symbol shows only when a dynamic symbol covers the
 * address (static functions have none). */
static void describe_address(char *out, size_t size, const void *return_address)
{
    Dl_info info;
    const char *call_site = (const char *)return_address - 1;
    if (return_address == NULL || dladdr(call_site, &info) == 0 || info.dli_fname == NULL) {
        snprintf(out, size, "%p", return_address);
        return;
    }
    const char *module = strrchr(info.dli_fname, '/');
    module = module != NULL ? module + 1 : info.dli_fname;
    unsigned long offset = (unsigned long)(call_site - (const char *)info.dli_fbase);
    if (info.dli_sname != NULL && info.dli_saddr != NULL)
        snprintf(out, size, "%s+0x%lx (%s+0x%lx)", module, offset, info.dli_sname,
                 (unsigned long)(call_site - (const char *)info.dli_saddr));
    else
        snprintf(out, size, "%s+0x%lx", module, offset);
}

static _Noreturn void stop_unhandled(int32_t status, struct uma_seh_site site)
{
    char where[256];
    char line[512];
    if (site.text != NULL)
        snprintf(where, sizeof where, "%s", site.text);
    else
        describe_address(where, sizeof where, site.address);
    int length = snprintf(line, sizeof line,
                          "*** STOP: unhandled exception 0x%08X (%s) raised at %s\n",
                          (unsigned)status, status_name(status), where);
    if (length > 0) {
        size_t size = (size_t)length < sizeof line ? (size_t)length : sizeof line - 1;
        /* Best effort: nothing sensible is left to do if stderr is gone. */
        ssize_t written = write(STDERR_FILENO, line, size);
        (void)written;
    }
    void (*hook)(int32_t) = atomic_load(&unhandled_hook);
    if (hook != NULL)
        hook(status);
    abort();
}

/* ---- dispatch ---------------------------------------------------------- */

/* Keeps the compiler from moving chain updates across each other, so a
 * signal arriving mid-update sees either the old or the new chain. */
static void chain_barrier(void)
{
    atomic_signal_fence(memory_order_seq_cst);
}

/* Hand the exception to the innermost frame, popping it first so that
 * anything raised by its filter or __finally goes further out. */
static _Noreturn void dispatch(int32_t status, struct uma_seh_site site)
{
    struct uma_seh_frame *frame = innermost_frame;
    if (frame == NULL)
        stop_unhandled(status, site);
    innermost_frame = frame->outer;
    chain_barrier();
    frame->linked = 0;
    frame->raised = 1;
    frame->code = status;
    frame->site = site;
    siglongjmp(frame->resume, 1);
}

_Noreturn void uma_seh_raise(int32_t status)
{
    struct uma_seh_site site = {NULL, __builtin_return_address(0)};
    dispatch(status, site);
}

_Noreturn void uma_seh_raise_at(int32_t status, const char *where)
{
    struct uma_seh_site site = {where, __builtin_return_address(0)};
    dispatch(status, site);
}

_Noreturn void uma_seh_raise_from_signal(int32_t status)
{
    /* siglongjmp from a handler is fine and the target __try restores its
     * signal mask, so this is uma_seh_raise under a name that says so. */
    struct uma_seh_site site = {NULL, __builtin_return_address(0)};
    dispatch(status, site);
}

void uma_seh_set_unhandled_hook(void (*hook)(int32_t status))
{
    atomic_store(&unhandled_hook, hook);
}

unsigned uma_seh_active_frames(void)
{
    unsigned count = 0;
    for (const struct uma_seh_frame *frame = innermost_frame; frame != NULL;
         frame = frame->outer)
        count++;
    return count;
}

/* ---- frame life cycle (called from the excpt.h macros) ----------------- */

void uma_seh_frame_push(struct uma_seh_frame *frame)
{
    frame->outer = innermost_frame;
    frame->raised = 0;
    frame->code = 0;
    frame->site.text = NULL;
    frame->site.address = NULL;
    frame->linked = 1;
    chain_barrier();
    innermost_frame = frame;
}

/* Normal end of the body.  Frames inner to this one are already gone (they
 * left their scopes), so restoring the outer link is the whole job. */
void uma_seh_frame_pop(struct uma_seh_frame *frame)
{
    if (!frame->linked)
        return;
    innermost_frame = frame->outer;
    chain_barrier();
    frame->linked = 0;
}

/* Runs however the __try block is left: after a normal end or a raise the
 * frame is already off the chain; after return/goto/break/continue it is
 * still on it and must go. */
void uma_seh_frame_scope_exit(struct uma_seh_frame *frame)
{
    uma_seh_frame_pop(frame);
}

void uma_seh_filter_begin(struct uma_seh_frame *frame)
{
    current_exception_code = frame->code;
}

/* Returns only when the handler is to run. */
void uma_seh_filter_verdict(struct uma_seh_frame *frame, int verdict)
{
    if (verdict > 0) {
        current_exception_code = frame->code;
        return;
    }
    if (verdict == 0)
        dispatch(frame->code, frame->site);
    struct uma_seh_site site = {"an __except filter returning EXCEPTION_CONTINUE_EXECUTION",
                                frame->site.address};
    dispatch(UMA_STATUS_NONCONTINUABLE_EXCEPTION, site);
}

int32_t uma_seh_exception_code(void)
{
    return current_exception_code;
}

void uma_seh_finally_handoff(const struct uma_seh_frame *frame)
{
    finally_handoff.pending = 1;
    finally_handoff.abnormal = frame->raised;
    finally_handoff.code = frame->code;
    finally_handoff.site = frame->site;
}

struct uma_seh_termination uma_seh_finally_claim(void)
{
    struct uma_seh_termination claimed = finally_handoff;
    memset(&finally_handoff, 0, sizeof finally_handoff);
    return claimed;
}

/* End of a __finally block: an exception that led here travels on. */
void uma_seh_finally_complete(struct uma_seh_termination *termination)
{
    termination->pending = 0;
    if (termination->abnormal)
        dispatch(termination->code, termination->site);
}
