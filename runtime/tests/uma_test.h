/*
 * uma_test.h - the tiny assertion helper of the accessor runtime tests.
 *
 * CHECK(...) records a pass or a failure (with file:line and the failed
 * expression); EXPECT_RAISES(code, statement) runs the statement inside
 * __try and checks the structured exception it raised. Each test's main()
 * ends with "return uma_test_finish();", which prints
 * "N passed, N failed" and returns non-zero if anything failed.
 */
#ifndef UMA_TEST_H
#define UMA_TEST_H

#include <stdio.h>

#include <ntddk.h>
#include <usermode_accessors.h>
#include <uma_host.h>

extern int uma_test_passed;
extern int uma_test_failed;

void uma_test_record(int ok, const char *file, int line, const char *expression);
void uma_test_check_equal(unsigned long long actual, unsigned long long expected, const char *file, int line,
                          const char *expression);
int uma_test_finish(void);

/* Run action in a forked child; capture its stderr into output and return
 * its wait status (for death tests). */
int uma_test_run_in_child(void (*action)(void), char *output, size_t size);

#define CHECK(condition) uma_test_record((condition) ? 1 : 0, __FILE__, __LINE__, #condition)

/* A function, not a block with locals: tests use it right after __try
 * statements, where locals would draw -Wclobbered. */
#define CHECK_EQ(actual, expected) \
    uma_test_check_equal((unsigned long long)(actual), (unsigned long long)(expected), __FILE__, __LINE__, \
                         #actual " == " #expected)

/* The code raised by statement, or 0 when it raised nothing. */
#define RAISED_BY(result, statement)                                                            \
    do {                                                                                        \
        volatile NTSTATUS uma_code_ = 0;                                                        \
        __try {                                                                                 \
            statement;                                                                          \
        } __except (EXCEPTION_EXECUTE_HANDLER) {                                                \
            uma_code_ = GetExceptionCode();                                                     \
        }                                                                                       \
        (result) = uma_code_;                                                                   \
    } while (0)

#define EXPECT_RAISES(expected_code, statement)                                                 \
    do {                                                                                        \
        NTSTATUS uma_raised_;                                                                   \
        RAISED_BY(uma_raised_, statement);                                                      \
        CHECK_EQ((ULONG)uma_raised_, (ULONG)(expected_code));                                   \
    } while (0)

#define EXPECT_NO_RAISE(statement) EXPECT_RAISES(0, statement)

/* Kernel-visible user pointer to the bytes a test's user thread sees. */
#define USER_VIEW(type, pointer) ((type *)uma_user_view(pointer))

#endif /* UMA_TEST_H */
