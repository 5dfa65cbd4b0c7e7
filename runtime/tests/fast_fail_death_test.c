/*
 * fast_fail_death_test.c - DBG builds: a user pointer passed where a kernel
 * pointer is expected (a ...Mode accessor with KernelMode, the kernel side
 * of CopyFromUser) ends the process like __fastfail(77); no __except can
 * catch it. Compiled with -DDBG=1 (see BUILD).
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "uma_test.h"

static ULONG *user_value;

static void kernel_mode_read_of_user_pointer(void)
{
    __try {
        (void)ReadULongFromMode(user_value, KernelMode);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        fprintf(stderr, "caught, which must not happen\n");
    }
}

static void user_pointer_as_copy_destination(void)
{
    ULONG kernel = 0;
    __try {
        CopyFromUser(user_value, &kernel, sizeof kernel);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        fprintf(stderr, "caught, which must not happen\n");
    }
}

static void expect_fast_fail(void (*action)(void))
{
    static char output[8192];
    int status = uma_test_run_in_child(action, output, sizeof output);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(output, "umaccess: fast fail 77 (FAST_FAIL_KERNEL_POINTER_EXPECTED)") != NULL);
    CHECK(strstr(output, "caught") == NULL);
}

int main(void)
{
    ULONG kernel = 3;
    user_value = uma_user_alloc(sizeof(ULONG), 4);
    expect_fast_fail(kernel_mode_read_of_user_pointer);
    expect_fast_fail(user_pointer_as_copy_destination);
    /* Kernel pointers in kernel mode and NULL are fine. */
    CHECK_EQ(ReadULongFromMode(&kernel, KernelMode), 3);
    CopyToMode(&kernel, &kernel, 0, KernelMode);
    uma_user_free(user_value);
    return uma_test_finish();
}
