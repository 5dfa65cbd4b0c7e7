/*
 * seh_signal_test.c - raising from a SIGSEGV handler, the way the accessor
 * runtime turns a touch of an unmapped user page into
 * STATUS_ACCESS_VIOLATION.  The fault must land in the innermost __try,
 * run __finally blocks on the way, and leave SIGSEGV unblocked so the
 * next fault is caught too.
 */
#include <excpt.h>

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "seh_check.h"

#define CODE_ACCESS_VIOLATION ((int32_t)0xC0000005u)
#define FAULT_ROUNDS 200

static void raise_access_violation(int signal_number, siginfo_t *info, void *context)
{
    (void)signal_number;
    (void)info;
    (void)context;
    uma_seh_raise_from_signal(CODE_ACCESS_VIOLATION);
}

static void install_segv_handler(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = raise_access_violation;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    CHECK(sigaction(SIGSEGV, &action, NULL) == 0);
}

static volatile unsigned char *map_guard_page(void)
{
    long page = sysconf(_SC_PAGESIZE);
    void *guard = mmap(NULL, (size_t)page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(guard != MAP_FAILED);
    return guard == MAP_FAILED ? NULL : (volatile unsigned char *)guard;
}

static int segv_blocked(void)
{
    sigset_t current;
    sigprocmask(SIG_BLOCK, NULL, &current);
    return sigismember(&current, SIGSEGV);
}

/* Reads through a few calls so the fault is not in the guarded function. */
static unsigned char read_through(volatile unsigned char *address, int depth)
{
    if (depth <= 0)
        return *address;
    return (unsigned char)(read_through(address, depth - 1) + 1);
}

static void test_fault_is_caught_repeatedly(volatile unsigned char *guard)
{
    volatile int caught = 0;
    volatile int read_completed = 0;
    volatile int finally_runs = 0;
    for (volatile int round = 0; round < FAULT_ROUNDS; round++) {
        __try {
            __try {
                (void)read_through(guard + round, round % 4);
                read_completed++;
            } __finally {
                if (AbnormalTermination())
                    finally_runs++;
            }
        } __except (GetExceptionCode() == CODE_ACCESS_VIOLATION ? EXCEPTION_EXECUTE_HANDLER
                                                               : EXCEPTION_CONTINUE_SEARCH) {
            caught++;
        }
        /* sigsetjmp(..., 1) restored the mask saved at __try. */
        if (segv_blocked())
            break;
    }
    CHECK(caught == FAULT_ROUNDS);
    CHECK(read_completed == 0);
    CHECK(finally_runs == FAULT_ROUNDS);
    CHECK(!segv_blocked());
    CHECK(uma_seh_active_frames() == 0);
}

/* A write fault, and a fault in a handler that goes to the outer frame. */
static void test_fault_in_handler_goes_outward(volatile unsigned char *guard)
{
    volatile int inner = 0, outer = 0;
    __try {
        __try {
            guard[7] = 1;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            inner++;
            guard[9] = 2;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        outer++;
    }
    CHECK(inner == 1 && outer == 1);
    CHECK(!segv_blocked());
}

int main(void)
{
    install_segv_handler();
    volatile unsigned char *guard = map_guard_page();
    if (guard != NULL) {
        test_fault_is_caught_repeatedly(guard);
        test_fault_in_handler_goes_outward(guard);
    }
    return seh_check_summary("seh_signal_test");
}
