/*
 * uma_test.c - counters and summary line of the test helper (uma_test.h).
 */
#include "uma_test.h"

#include <sys/wait.h>
#include <unistd.h>

int uma_test_passed;
int uma_test_failed;

void uma_test_record(int ok, const char *file, int line, const char *expression)
{
    if (ok) {
        uma_test_passed++;
    } else {
        uma_test_failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expression);
    }
}

void uma_test_check_equal(unsigned long long actual, unsigned long long expected, const char *file, int line,
                          const char *expression)
{
    uma_test_record(actual == expected, file, line, expression);
    if (actual != expected) {
        fprintf(stderr, "    actual 0x%llx, expected 0x%llx\n", actual, expected);
    }
}

int uma_test_finish(void)
{
    printf("%d passed, %d failed\n", uma_test_passed, uma_test_failed);
    fflush(stdout);
    return uma_test_failed == 0 ? 0 : 1;
}

/* Run action in a child; return its stderr and wait status. */
int uma_test_run_in_child(void (*action)(void), char *output, size_t size)
{
    int pipe_fds[2];
    int status = 0;
    size_t used = 0;
    pid_t child;

    if (pipe(pipe_fds) != 0) {
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    child = fork();
    if (child == 0) {
        dup2(pipe_fds[1], STDERR_FILENO);
        close(pipe_fds[0]);
        action();
        _exit(0); /* not reached when the trap works */
    }
    close(pipe_fds[1]);
    for (;;) {
        ssize_t got = read(pipe_fds[0], output + used, size - 1 - used);
        if (got <= 0) {
            break;
        }
        used += (size_t)got;
    }
    output[used] = '\0';
    close(pipe_fds[0]);
    waitpid(child, &status, 0);
    return status;
}

/* ASan must let our SIGSEGV handler run: the runtime turns faults in the
 * user window into exceptions and SMAP reports. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allow_user_segv_handler=1:handle_segv=1:detect_leaks=1";
}
