/*
 * uma_fault_handler.c - turns memory faults in the user window into
 * structured exceptions or SMAP reports.
 *
 *   fault at an accessor-alias address   an accessor touched an unmapped
 *                                        or protected user page: raise
 *                                        STATUS_ACCESS_VIOLATION, as the
 *                                        real page fault would
 *   fault in the kernel-visible window   code under test touched user
 *                                        memory directly: with the SMAP
 *                                        trap on, report and abort; with it
 *                                        off, the page really is unmapped,
 *                                        so behave like Windows and raise
 *                                        STATUS_ACCESS_VIOLATION
 *   anything else                        not ours: pass it to the handler
 *                                        that was installed before (ASan's,
 *                                        or the default action)
 */
#include "uma_internal.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

static struct sigaction previous_segv;
static struct sigaction previous_bus;

static const void *faulting_instruction(const void *context)
{
#if defined(__x86_64__)
    return (const void *)((const ucontext_t *)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (const void *)((const ucontext_t *)context)->uc_mcontext.pc;
#else
    (void)context;
    return NULL;
#endif
}

static bool fault_was_write(const void *context)
{
#if defined(__x86_64__)
    /* Page-fault error code bit 1: the access was a write. */
    return (((const ucontext_t *)context)->uc_mcontext.gregs[REG_ERR] & 2) != 0;
#else
    (void)context;
    return false;
#endif
}

static void pass_on(int signal_number, siginfo_t *info, void *context)
{
    const struct sigaction *previous = signal_number == SIGSEGV ? &previous_segv : &previous_bus;
    if ((previous->sa_flags & SA_SIGINFO) != 0 && previous->sa_sigaction != NULL) {
        previous->sa_sigaction(signal_number, info, context);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(signal_number);
    } else {
        /* Default action: returning re-executes the faulting instruction,
         * which now kills the process with the original signal. */
        signal(signal_number, SIG_DFL);
    }
}

static void on_fault(int signal_number, siginfo_t *info, void *context)
{
    uintptr_t address = (uintptr_t)info->si_addr;

    if (uma_address_in_alias(address)) {
        uma_raise_from_signal(STATUS_ACCESS_VIOLATION);
    }
    if (uma_address_in_kernel_window(address)) {
        if (uma_smap_is_on()) {
            uma_smap_report_violation(address, faulting_instruction(context), fault_was_write(context));
        }
        uma_raise_from_signal(STATUS_ACCESS_VIOLATION);
    }
    pass_on(signal_number, info, context);
}

void uma_fault_handler_install(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    /* SA_NODEFER: we leave the handler by siglongjmp; keep the signal
     * deliverable even if the landing __try did not save a mask. */
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGSEGV, &action, &previous_segv);
    sigaction(SIGBUS, &action, &previous_bus);
}
