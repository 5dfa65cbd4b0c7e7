/*
 * seh_threads_test.c - every thread has its own frame chain.  Two threads
 * raise in a loop at the same time, each with codes of its own; a raise
 * that landed in the other thread's frame would show up as a wrong code,
 * a wrong count or a crash.
 */
#include <excpt.h>

#include <pthread.h>
#include <stdint.h>

#include "seh_check.h"

#define ROUNDS 10000
#define THREADS 2

struct worker {
    int32_t code_base;
    int handled;
    int wrong_codes;
    int finally_runs;
    unsigned frames_left;
};

static void raise_nested(int32_t code, int depth)
{
    if (depth < 0)
        return;
    if (depth == 0)
        uma_seh_raise(code);
    raise_nested(code, depth - 1);
}

static void *work(void *argument)
{
    struct worker *worker = argument;
    volatile int handled = 0, wrong_codes = 0, finally_runs = 0;
    for (volatile int round = 0; round < ROUNDS; round++) {
        int32_t code = worker->code_base | (int32_t)(round & 0xFFFF);
        __try {
            __try {
                raise_nested(code, round % 5);
            } __finally {
                finally_runs++;
            }
        } __except (GetExceptionCode() == code ? EXCEPTION_EXECUTE_HANDLER
                                               : EXCEPTION_CONTINUE_SEARCH) {
            if (GetExceptionCode() == code)
                handled++;
            else
                wrong_codes++;
        }
    }
    worker->handled = handled;
    worker->wrong_codes = wrong_codes;
    worker->finally_runs = finally_runs;
    worker->frames_left = uma_seh_active_frames();
    return NULL;
}

int main(void)
{
    struct worker workers[THREADS] = {
        {.code_base = (int32_t)0xE1110000u},
        {.code_base = (int32_t)0xE2220000u},
    };
    pthread_t threads[THREADS];
    /* The main thread's own frame must not be visible to the workers. */
    volatile int main_handled = 0;
    __try {
        for (int i = 0; i < THREADS; i++)
            CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
        for (int i = 0; i < THREADS; i++)
            CHECK(pthread_join(threads[i], NULL) == 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        main_handled++;
    }
    CHECK(main_handled == 0);
    for (int i = 0; i < THREADS; i++) {
        CHECK(workers[i].handled == ROUNDS);
        CHECK(workers[i].wrong_codes == 0);
        CHECK(workers[i].finally_runs == ROUNDS);
        CHECK(workers[i].frames_left == 0);
    }
    CHECK(uma_seh_active_frames() == 0);
    return seh_check_summary("seh_threads_test");
}
