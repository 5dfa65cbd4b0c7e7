/*
 * uma_test.c - counters and summary line of the test helper (uma_test.h).
 */
#include "uma_test.h"

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

/* ASan must let our SIGSEGV handler run: the runtime turns faults in the
 * user window into exceptions and SMAP reports. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allow_user_segv_handler=1:handle_segv=1:detect_leaks=1";
}
