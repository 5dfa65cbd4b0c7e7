/*
 * seh_check.h - the assertion macro and summary line shared by the SEH
 * tests.  Each test binary counts its own checks and exits non-zero when
 * any failed, so a failing check never hides behind a later success.
 */
#ifndef UMA_SEH_CHECK_H
#define UMA_SEH_CHECK_H

#include <stdio.h>

static int seh_checks_passed;
static int seh_checks_failed;

#define CHECK(condition)                                                     \
    do {                                                                     \
        if (condition) {                                                     \
            seh_checks_passed++;                                             \
        } else {                                                             \
            seh_checks_failed++;                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #condition);                                             \
        }                                                                    \
    } while (0)

/* Prints "<name>: N passed, N failed" and gives the exit status. */
static inline int seh_check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, seh_checks_passed, seh_checks_failed);
    return seh_checks_failed == 0 && seh_checks_passed > 0 ? 0 : 1;
}

#endif /* UMA_SEH_CHECK_H */
