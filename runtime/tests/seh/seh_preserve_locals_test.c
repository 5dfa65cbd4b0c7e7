/*
 * seh_preserve_locals_test.c - driver-style code that does NOT declare its
 * locals volatile, built at -O2 with UMA_SEH_PRESERVE_LOCALS: the values a
 * __try body left in its locals must be what the handler, the __finally
 * block and the code after them see, as under MSVC.  (Without the switch
 * both compilers hand back stale values here at -O1 and above.)
 */
#define UMA_SEH_PRESERVE_LOCALS
#include <excpt.h>

#include <stdint.h>

#include "seh_check.h"

#define CODE_ACCESS_VIOLATION ((int32_t)0xC0000005u)

/* Out of line so the optimizer cannot see that it raises. */
__attribute__((noinline)) static void touch_user_memory(int step)
{
    if (step > 2)
        uma_seh_raise(CODE_ACCESS_VIOLATION);
}

static int locals_seen_by_handler(int rounds, int32_t *status)
{
    int copied = 0;
    int checksum = 0;
    *status = 0;
    __try {
        for (int i = 0; i < rounds; i++) {
            copied++;
            checksum += i * 3;
            touch_user_memory(copied);
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        *status = GetExceptionCode();
        CHECK(copied == 3 && checksum == 9);
    }
    return copied * 100 + checksum;
}

static int locals_seen_by_finally(int rounds)
{
    int copied = 0;
    int seen_in_finally = -1;
    __try {
        __try {
            for (int i = 0; i < rounds; i++) {
                copied++;
                touch_user_memory(copied);
            }
        } __finally {
            seen_in_finally = copied;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
    }
    return seen_in_finally * 10 + copied;
}

int main(int argc, char **argv)
{
    (void)argv;
    int32_t status;
    CHECK(locals_seen_by_handler(argc + 9, &status) == 309);
    CHECK(status == CODE_ACCESS_VIOLATION);
    CHECK(locals_seen_by_finally(argc + 9) == 33);
    return seh_check_summary("seh_preserve_locals_test");
}
