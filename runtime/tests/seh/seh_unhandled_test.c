/*
 * seh_unhandled_test.c - death tests: an exception no frame handles stops
 * the process with a one-line STOP message on stderr and SIGABRT, after
 * the __finally blocks it passed through have run.  Each case runs in a
 * forked child whose stderr the parent reads.
 */
#include <excpt.h>

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seh_check.h"

#define CODE_ACCESS_VIOLATION ((int32_t)0xC0000005u)
#define CODE_UNNAMED ((int32_t)0xE0004321u)

struct death {
    int status;        /* from waitpid */
    char output[1024]; /* the child's stderr */
};

/* Runs body in a child with stderr on a pipe; collects exit and output. */
static void run_in_child(void (*body)(void), struct death *death)
{
    memset(death, 0, sizeof *death);
    int pipe_ends[2];
    CHECK(pipe(pipe_ends) == 0);
    fflush(NULL);
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        dup2(pipe_ends[1], STDERR_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        body();
        _exit(0);
    }
    close(pipe_ends[1]);
    size_t used = 0;
    ssize_t got;
    while (used < sizeof death->output - 1 &&
           (got = read(pipe_ends[0], death->output + used, sizeof death->output - 1 - used)) > 0)
        used += (size_t)got;
    close(pipe_ends[0]);
    CHECK(waitpid(child, &death->status, 0) == child);
}

static int died_by_abort(const struct death *death)
{
    return WIFSIGNALED(death->status) && WTERMSIG(death->status) == SIGABRT;
}

static void raise_with_site(void)
{
    uma_seh_raise_at(CODE_ACCESS_VIOLATION, "probe.c:42");
}

static void test_stop_message_names_code_and_site(void)
{
    struct death death;
    run_in_child(raise_with_site, &death);
    CHECK(died_by_abort(&death));
    CHECK(strstr(death.output, "*** STOP: unhandled exception 0xC0000005 "
                               "(STATUS_ACCESS_VIOLATION) raised at probe.c:42\n") != NULL);
}

/* Declining filters and a __finally do not count as handling; the
 * __finally still runs before the stop (its line comes first). */
static void raise_through_declining_frames(void)
{
    __try {
        __try {
            __try {
                uma_seh_raise(CODE_UNNAMED);
            } __finally {
                fprintf(stderr, "finally ran\n");
                fflush(stderr);
            }
        } __except (EXCEPTION_CONTINUE_SEARCH) {
        }
    } __except (GetExceptionCode() == CODE_ACCESS_VIOLATION) {
    }
}

static void test_unhandled_after_declining_frames(void)
{
    struct death death;
    run_in_child(raise_through_declining_frames, &death);
    CHECK(died_by_abort(&death));
    const char *finally_line = strstr(death.output, "finally ran\n");
    const char *stop_line = strstr(death.output, "*** STOP: unhandled exception 0xE0004321 ");
    CHECK(finally_line != NULL && stop_line != NULL && finally_line < stop_line);
    /* No text site: module+offset of the raising call is reported. */
    CHECK(strstr(death.output, "(unknown status) raised at seh_unhandled_test+0x") != NULL);
}

static void exit_from_hook(int32_t status)
{
    _exit(status == CODE_ACCESS_VIOLATION ? 42 : 43);
}

static void raise_with_hook(void)
{
    uma_seh_set_unhandled_hook(exit_from_hook);
    UMA_SEH_RAISE(CODE_ACCESS_VIOLATION);
}

static void test_unhandled_hook_sees_status(void)
{
    struct death death;
    run_in_child(raise_with_hook, &death);
    CHECK(WIFEXITED(death.status) && WEXITSTATUS(death.status) == 42);
    CHECK(strstr(death.output, "raised at ") != NULL &&
          strstr(death.output, "seh_unhandled_test.c:") != NULL);
}

/* The child of a handled exception does not die: the harness itself. */
static void raise_and_handle(void)
{
    __try {
        uma_seh_raise(CODE_ACCESS_VIOLATION);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
    }
}

static void test_handled_child_exits_normally(void)
{
    struct death death;
    run_in_child(raise_and_handle, &death);
    CHECK(WIFEXITED(death.status) && WEXITSTATUS(death.status) == 0);
    CHECK(death.output[0] == '\0');
}

int main(void)
{
    test_handled_child_exits_normally();
    test_stop_message_names_code_and_site();
    test_unhandled_after_declining_frames();
    test_unhandled_hook_sees_status();
    return seh_check_summary("seh_unhandled_test");
}
