/*
 * smap_death_test.c - direct kernel access to user memory is caught.
 *
 * Each case runs in a forked child that touches a user pointer without an
 * accessor (a read through *p, a write through p->f, a memcpy). The parent
 * checks that the child died of SIGABRT and that its stderr carries the
 * SMAP report with the user address. The same accesses through accessors
 * succeed in the parent.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "uma_test.h"

typedef struct {
    ULONG Length;
    ULONG Flags;
} REQUEST;

static REQUEST *user_request;

static void direct_read(void)
{
    volatile ULONG length = user_request->Length;
    (void)length;
}

static void direct_write(void)
{
    user_request->Flags = 1;
}

static void direct_memcpy(void)
{
    REQUEST copy;
    memcpy(&copy, user_request, sizeof copy);
    printf("%u\n", copy.Length);
}

/* Run action in a child; return its stderr and wait status. */
static int run_in_child(void (*action)(void), char *output, size_t size)
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

static void expect_smap_death(void (*action)(void), const char *what, uintptr_t address)
{
    static char output[16384];
    char expected[128];
    int status = run_in_child(action, output, sizeof output);

    snprintf(expected, sizeof expected, "user address 0x%lx", (unsigned long)address);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(output, "umaccess: SMAP violation: direct kernel access to user address 0x") != NULL);
    CHECK(strstr(output, expected) != NULL);
    CHECK(strstr(output, what) != NULL);
    if (!(WIFSIGNALED(status) && strstr(output, "SMAP violation") != NULL)) {
        fprintf(stderr, "child output was:\n%s\n", output);
    }
}

int main(void)
{
    user_request = uma_user_alloc(sizeof(REQUEST), 8);
    USER_VIEW(REQUEST, user_request)->Length = 12;

    CHECK(uma_smap_enabled());
    expect_smap_death(direct_read, "(read)", (uintptr_t)&user_request->Length);
    expect_smap_death(direct_write, "(write)", (uintptr_t)&user_request->Flags);
    expect_smap_death(direct_memcpy, "(read)", (uintptr_t)user_request);

    /* The sanctioned way works. */
    CHECK_EQ(ReadULongFromUser(&user_request->Length), 12);
    WriteULongToUser(&user_request->Flags, 1);
    CHECK_EQ(USER_VIEW(REQUEST, user_request)->Flags, 1);
    uma_user_free(user_request);
    return uma_test_finish();
}
