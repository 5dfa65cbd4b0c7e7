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

static void expect_smap_death(void (*action)(void), const char *what, uintptr_t address)
{
    static char output[16384];
    char expected[128];
    int status = uma_test_run_in_child(action, output, sizeof output);

    snprintf(expected, sizeof expected, "user address 0x%lx", (unsigned long)address);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(output, "umaccess: SMAP violation: direct kernel access to user address 0x") != NULL);
    CHECK(strstr(output, expected) != NULL);
    CHECK(strstr(output, what) != NULL);
    if (!(WIFSIGNALED(status) && strstr(output, "SMAP violation") != NULL)) {
        fprintf(stderr, "child output was:\n%s\n", output);
    }
}

/* Started again by main() with UMA_SMAP=0 in the environment: the trap is
 * off from start-up, so legacy direct access works. */
static int smap_off_child(void)
{
    user_request = uma_user_alloc(sizeof(REQUEST), 8);
    CHECK(!uma_smap_enabled());
    user_request->Flags = 5;
    CHECK_EQ(user_request->Flags, 5);
    CHECK_EQ(ReadULongFromUser(&user_request->Flags), 5);
    return uma_test_finish();
}

static void check_environment_switch(void)
{
    int status = 0;
    pid_t child;
    fflush(stdout);
    child = fork();
    if (child == 0) {
        char *arguments[] = {"smap_death_test", "--smap-off-child", NULL};
        char *environment[] = {"UMA_SMAP=0", NULL};
        execve("/proc/self/exe", arguments, environment);
        _exit(127);
    }
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--smap-off-child") == 0) {
        return smap_off_child();
    }
    check_environment_switch();
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
