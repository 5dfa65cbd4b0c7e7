/*
 * seh_basic_test.c - single-threaded behaviour of the host SEH emulation:
 * filters, handlers, __finally on every exit path it supports, __leave,
 * nesting, leaving a __try by return/goto/break/continue, deep raises and
 * the try/except/finally/leave aliases the WDK shims define.
 *
 * As excpt.h asks, locals written inside a __try body and read after an
 * exception are volatile.
 */
#include <excpt.h>

#include <stdint.h>

#include "seh_check.h"

#define CODE_ACCESS_VIOLATION ((int32_t)0xC0000005u)
#define CODE_INVALID_PARAMETER ((int32_t)0xC000000Du)
#define CODE_NONCONTINUABLE ((int32_t)0xC0000025u)
#define CODE_CUSTOM ((int32_t)0xE0001234u)

/* Filter helper that counts its calls, to see how often a filter runs. */
static int filter_calls;
static int count_and_answer(int answer)
{
    filter_calls++;
    return answer;
}

static void test_filter_sees_code_and_handler_runs_once(void)
{
    volatile int handler_runs = 0;
    volatile int32_t seen_in_filter = 0;
    volatile int32_t seen_in_handler = 0;
    filter_calls = 0;
    __try {
        uma_seh_raise(CODE_INVALID_PARAMETER);
    } __except (seen_in_filter = GetExceptionCode(),
                count_and_answer(EXCEPTION_EXECUTE_HANDLER)) {
        seen_in_handler = GetExceptionCode();
        handler_runs++;
    }
    CHECK(seen_in_filter == CODE_INVALID_PARAMETER);
    CHECK(seen_in_handler == CODE_INVALID_PARAMETER);
    CHECK(handler_runs == 1);
    CHECK(filter_calls == 1);
    CHECK(uma_seh_active_frames() == 0);
}

static void test_no_exception_skips_filter_and_handler(void)
{
    volatile int handler_runs = 0;
    volatile int body_done = 0;
    filter_calls = 0;
    __try {
        CHECK(uma_seh_active_frames() == 1);
        body_done = 1;
    } __except (count_and_answer(EXCEPTION_EXECUTE_HANDLER)) {
        handler_runs++;
    }
    CHECK(body_done == 1);
    CHECK(handler_runs == 0);
    CHECK(filter_calls == 0);
    CHECK(uma_seh_active_frames() == 0);
}

/* Three levels: the innermost filter declines, the middle one only takes
 * another code, the outermost handles. */
static void test_three_levels_continue_search(void)
{
    volatile int inner_filter = 0, middle_filter = 0;
    volatile int inner_handler = 0, middle_handler = 0, outer_handler = 0;
    volatile int32_t outer_code = 0;
    __try {
        __try {
            __try {
                CHECK(uma_seh_active_frames() == 3);
                uma_seh_raise(CODE_CUSTOM);
            } __except (inner_filter++, EXCEPTION_CONTINUE_SEARCH) {
                inner_handler++;
            }
        } __except (middle_filter++, GetExceptionCode() == CODE_ACCESS_VIOLATION
                                         ? EXCEPTION_EXECUTE_HANDLER
                                         : EXCEPTION_CONTINUE_SEARCH) {
            middle_handler++;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        outer_code = GetExceptionCode();
        outer_handler++;
    }
    CHECK(inner_filter == 1 && middle_filter == 1);
    CHECK(inner_handler == 0 && middle_handler == 0);
    CHECK(outer_handler == 1);
    CHECK(outer_code == CODE_CUSTOM);
    CHECK(uma_seh_active_frames() == 0);
}

static void test_finally_normal_path(void)
{
    volatile int finally_runs = 0;
    volatile int abnormal = -1;
    __try {
        finally_runs += 0;
    } __finally {
        finally_runs++;
        abnormal = AbnormalTermination();
    }
    CHECK(finally_runs == 1);
    CHECK(abnormal == 0);
    CHECK(uma_seh_active_frames() == 0);
}

/* Unwinding runs the __finally blocks innermost first, each seeing
 * AbnormalTermination(), before the handler. */
static void test_finally_exceptional_path(void)
{
    volatile int order = 0;
    volatile int inner_at = 0, outer_at = 0, handler_at = 0;
    volatile int inner_abnormal = 0, outer_abnormal = 0;
    volatile int after_raise = 0;
    __try {
        __try {
            __try {
                uma_seh_raise(CODE_ACCESS_VIOLATION);
                after_raise = 1;
            } __finally {
                inner_at = ++order;
                inner_abnormal = AbnormalTermination();
            }
        } __finally {
            outer_at = ++order;
            outer_abnormal = AbnormalTermination();
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        handler_at = ++order;
    }
    CHECK(after_raise == 0);
    CHECK(inner_at == 1 && outer_at == 2 && handler_at == 3);
    CHECK(inner_abnormal != 0 && outer_abnormal != 0);
    CHECK(uma_seh_active_frames() == 0);
}

static void test_leave(void)
{
    volatile int after_leave = 0;
    volatile int finally_runs = 0;
    volatile int abnormal = -1;
    volatile int handler_runs = 0;
    __try {
        __leave;
        after_leave = 1;
    } __finally {
        finally_runs++;
        abnormal = AbnormalTermination();
    }
    CHECK(after_leave == 0);
    CHECK(finally_runs == 1);
    CHECK(abnormal == 0);

    /* __leave names the innermost __try, even from a nested block. */
    __try {
        __try {
            if (finally_runs == 1) {
                __leave;
            }
            after_leave = 2;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            handler_runs++;
        }
        after_leave = 3;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        handler_runs++;
    }
    CHECK(after_leave == 3);
    CHECK(handler_runs == 0);

    /* __leave inside an inner handler leaves the enclosing __try. */
    after_leave = 0;
    __try {
        __try {
            uma_seh_raise(CODE_CUSTOM);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            __leave;
        }
        after_leave = 1;
    } __finally {
        finally_runs++;
    }
    CHECK(after_leave == 0);
    CHECK(finally_runs == 2);
    CHECK(uma_seh_active_frames() == 0);
}

static int return_from_try_except(void)
{
    __try {
        CHECK(uma_seh_active_frames() == 2);
        return 7;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return -1;
    }
    return 0;
}

static volatile int finally_after_return;
static int return_from_try_finally(void)
{
    __try {
        return 8;
    } __finally {
        finally_after_return = 1;
    }
    return 0;
}

/* A returned-from frame must be gone: the next raise goes to the frame
 * that is really active, not into a dead stack frame. */
static void test_return_pops_frame(void)
{
    volatile int outer_handler = 0;
    volatile int32_t code = 0;
    __try {
        CHECK(return_from_try_except() == 7);
        CHECK(uma_seh_active_frames() == 1);
        CHECK(return_from_try_finally() == 8);
        CHECK(uma_seh_active_frames() == 1);
        uma_seh_raise(CODE_CUSTOM);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
        outer_handler++;
    }
    CHECK(outer_handler == 1);
    CHECK(code == CODE_CUSTOM);
    /* Documented limit: return skips the __finally block. */
    CHECK(finally_after_return == 0);
    CHECK(uma_seh_active_frames() == 0);
}

static void test_goto_out_pops_frame(void)
{
    volatile int handler_runs = 0;
    volatile int skipped = 0;
    __try {
        __try {
            CHECK(uma_seh_active_frames() == 2);
            goto out;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            handler_runs += 100;
        }
        skipped = 1;
    out:
        CHECK(uma_seh_active_frames() == 1);
        uma_seh_raise(CODE_CUSTOM);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        handler_runs++;
    }
    CHECK(skipped == 0);
    CHECK(handler_runs == 1);
    CHECK(uma_seh_active_frames() == 0);
}

/* break/continue in a __try body act on the user's loop, as under MSVC. */
static void test_break_and_continue_in_user_loop(void)
{
    volatile int iterations = 0;
    volatile int after_continue = 0;
    for (volatile int i = 0; i < 10; i++) {
        __try {
            iterations++;
            if (i == 3)
                break;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
        }
    }
    CHECK(iterations == 4);
    CHECK(uma_seh_active_frames() == 0);

    iterations = 0;
    for (volatile int i = 0; i < 5; i++) {
        __try {
            iterations++;
            if (i % 2 == 0)
                continue;
            after_continue++;
        } __finally {
        }
    }
    CHECK(iterations == 5);
    CHECK(after_continue == 2);
    CHECK(uma_seh_active_frames() == 0);

    volatile int rounds = 0;
    while (1) {
        rounds++;
        __try {
            __try {
                if (rounds == 2)
                    break;
            } __except (EXCEPTION_EXECUTE_HANDLER) {
            }
        } __except (EXCEPTION_EXECUTE_HANDLER) {
        }
    }
    CHECK(rounds == 2);
    CHECK(uma_seh_active_frames() == 0);

    /* A stale frame left by break would catch this raise wrongly. */
    volatile int caught = 0;
    __try {
        uma_seh_raise(CODE_CUSTOM);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught++;
    }
    CHECK(caught == 1);
}

/* break in an __except block also ends the user's loop. */
static void test_break_in_handler(void)
{
    volatile int iterations = 0;
    volatile int32_t status = 0;
    for (volatile int i = 0; i < 10; i++) {
        iterations++;
        __try {
            if (i == 2)
                uma_seh_raise(CODE_ACCESS_VIOLATION);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            status = GetExceptionCode();
            break;
        }
    }
    CHECK(iterations == 3);
    CHECK(status == CODE_ACCESS_VIOLATION);
    CHECK(uma_seh_active_frames() == 0);
}

/* Five calls between the __try and the raise; the callers' own
 * __finally blocks run on the way out. */
static volatile int callee_finally_runs;
static int callee(int depth)
{
    if (depth < 0)
        return 0;
    if (depth == 0)
        uma_seh_raise(CODE_INVALID_PARAMETER);
    volatile int result = 0;
    __try {
        result = callee(depth - 1) + 1;
    } __finally {
        callee_finally_runs++;
    }
    return result;
}

static void test_raise_five_frames_deep(void)
{
    volatile int32_t code = 0;
    volatile int returned = 0;
    callee_finally_runs = 0;
    __try {
        returned = callee(5);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    CHECK(code == CODE_INVALID_PARAMETER);
    CHECK(returned == 0);
    CHECK(callee_finally_runs == 5);
    CHECK(uma_seh_active_frames() == 0);
}

/* What is raised in a filter, handler or __finally block goes outward. */
static void test_raise_from_filter_handler_and_finally(void)
{
    volatile int32_t code = 0;
    volatile int inner_handler = 0;
    __try {
        __try {
            uma_seh_raise(CODE_CUSTOM);
        } __except (uma_seh_raise(CODE_ACCESS_VIOLATION), EXCEPTION_EXECUTE_HANDLER) {
            inner_handler++;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    CHECK(inner_handler == 0);
    CHECK(code == CODE_ACCESS_VIOLATION);

    __try {
        __try {
            uma_seh_raise(CODE_CUSTOM);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            uma_seh_raise(CODE_INVALID_PARAMETER);
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    CHECK(code == CODE_INVALID_PARAMETER);

    __try {
        __try {
            uma_seh_raise(CODE_CUSTOM);
        } __finally {
            uma_seh_raise(CODE_ACCESS_VIOLATION);
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    CHECK(code == CODE_ACCESS_VIOLATION);
    CHECK(uma_seh_active_frames() == 0);
}

/* A raised status cannot be resumed: CONTINUE_EXECUTION turns into
 * STATUS_NONCONTINUABLE_EXCEPTION raised to the next frame out. */
static void test_continue_execution_is_noncontinuable(void)
{
    volatile int32_t code = 0;
    __try {
        __try {
            uma_seh_raise(CODE_CUSTOM);
        } __except (EXCEPTION_CONTINUE_EXECUTION) {
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    CHECK(code == CODE_NONCONTINUABLE);
}

/* A handler run by a nested __try inside a handler. */
static void test_nested_try_in_handler(void)
{
    volatile int32_t first = 0, second = 0;
    __try {
        uma_seh_raise(CODE_CUSTOM);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        first = GetExceptionCode();
        __try {
            UMA_SEH_RAISE(CODE_ACCESS_VIOLATION);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            second = GetExceptionCode();
        }
        CHECK(uma_seh_active_frames() == 0);
    }
    CHECK(first == CODE_CUSTOM);
    CHECK(second == CODE_ACCESS_VIOLATION);
}

/* Each __try statement is one statement, usable without braces. */
static void test_unbraced_statement_positions(void)
{
    volatile int taken = 0, other = 0;
    volatile int flag = 0;
    if (flag)
        __try {
            taken = 1;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            taken = 2;
        }
    else
        other = 1;
    CHECK(taken == 0 && other == 1);

    volatile int handled = 0;
    for (volatile int i = 0; i < 4; i++)
        __try {
            if (i & 1)
                uma_seh_raise(CODE_CUSTOM);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            handled++;
        }
    CHECK(handled == 2);
    CHECK(uma_seh_active_frames() == 0);
}

/* The WDK shims spell the keywords without underscores through plain
 * aliases; the macros must work when reached that way. */
#define try __try
#define except __except
#define finally __finally
#define leave __leave

static void test_aliases(void)
{
    volatile int handled = 0, finished = 0, left = 1;
    try {
        try {
            leave;
            left = 0;
        } finally {
            finished++;
        }
        uma_seh_raise(CODE_CUSTOM);
    } except (GetExceptionCode() == CODE_CUSTOM) {
        handled++;
    }
    CHECK(handled == 1 && finished == 1 && left == 1);
}

#undef try
#undef except
#undef finally
#undef leave

int main(void)
{
    test_filter_sees_code_and_handler_runs_once();
    test_no_exception_skips_filter_and_handler();
    test_three_levels_continue_search();
    test_finally_normal_path();
    test_finally_exceptional_path();
    test_leave();
    test_return_pops_frame();
    test_goto_out_pops_frame();
    test_break_and_continue_in_user_loop();
    test_break_in_handler();
    test_raise_five_frames_deep();
    test_raise_from_filter_handler_and_finally();
    test_continue_execution_is_noncontinuable();
    test_nested_try_in_handler();
    test_unbraced_statement_positions();
    test_aliases();
    return seh_check_summary("seh_basic_test");
}
