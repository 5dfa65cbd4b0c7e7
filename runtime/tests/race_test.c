/*
 * race_test.c - a user thread rewrites a length field while a handler
 * validates it and copies that many bytes into a 64-byte kernel buffer.
 *
 * The capture-once handler reads the whole request with
 * ReadStructFromUserAligned, validates the kernel copy and uses only the
 * copy: it never overflows, and the recorder finds no double fetch. The
 * re-reading handler checks Length and then reads it again for the copy:
 * the recorder reports that double fetch on every request, and the race
 * can (and usually does, within the run) push the copy past 64 bytes. The
 * re-reading handler copies into a larger buffer with a sentinel zone so
 * that an overflow is observed rather than corrupting the test.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "uma_test.h"

#define KERNEL_BUFFER_SIZE 64
#define HUGE_LENGTH 3000u

typedef struct {
    ULONG Length;    /* bytes of Data the caller wants copied */
    ULONG Reserved;
    UCHAR Data[KERNEL_BUFFER_SIZE];
} MESSAGE;

static atomic_bool stop_flipping;

static void *user_thread_flips_length(void *argument)
{
    MESSAGE *view = argument;
    while (!atomic_load(&stop_flipping)) {
        __atomic_store_n(&view->Length, 8u, __ATOMIC_RELAXED);
        __atomic_store_n(&view->Length, HUGE_LENGTH, __ATOMIC_RELAXED);
    }
    return NULL;
}

/* Correct: capture once, validate the capture, use only the capture. */
static NTSTATUS handle_capture_once(MESSAGE *user_message, UCHAR output[KERNEL_BUFFER_SIZE], ULONG *copied)
{
    MESSAGE captured;
    volatile NTSTATUS status = STATUS_SUCCESS;

    __try {
        ReadStructFromUserAligned(&captured, user_message, TYPE_ALIGNMENT(MESSAGE));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    if (!NT_SUCCESS(status)) {
        return status;
    }
    if (captured.Length > sizeof captured.Data) {
        return STATUS_INVALID_PARAMETER;
    }
    memcpy(output, captured.Data, captured.Length);
    *copied = captured.Length;
    return STATUS_SUCCESS;
}

/* Wrong: checks one fetch of Length and copies with another. */
static NTSTATUS handle_rereading(MESSAGE *user_message, UCHAR *output, ULONG *copied)
{
    volatile NTSTATUS status = STATUS_SUCCESS;

    __try {
        if (ReadULongFromUser(&user_message->Length) > KERNEL_BUFFER_SIZE) {
            status = STATUS_INVALID_PARAMETER;
            __leave;
        }
        *copied = ReadULongFromUser(&user_message->Length);
        CopyFromUser(output, user_message->Data, *copied);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    return status;
}

static void race(bool capture_once, int requests, int *overflows, int *double_fetch_requests)
{
    /* Room for a HUGE_LENGTH read past Data, so the racy copy cannot fault. */
    MESSAGE *user_message = uma_user_alloc(sizeof(MESSAGE) + HUGE_LENGTH, 8);
    static UCHAR output[KERNEL_BUFFER_SIZE + HUGE_LENGTH];
    pthread_t user_thread;

    *overflows = 0;
    *double_fetch_requests = 0;
    atomic_store(&stop_flipping, false);
    pthread_create(&user_thread, NULL, user_thread_flips_length, uma_user_view(user_message));
    for (int request = 0; request < requests; request++) {
        ULONG copied = 0;
        uma_request_begin();
        if (capture_once) {
            handle_capture_once(user_message, output, &copied);
        } else {
            handle_rereading(user_message, output, &copied);
        }
        *double_fetch_requests += uma_request_end() != 0;
        *overflows += copied > KERNEL_BUFFER_SIZE;
    }
    atomic_store(&stop_flipping, true);
    pthread_join(user_thread, NULL);
    uma_user_free(user_message);
}

int main(void)
{
    enum { REQUESTS = 20000 };
    int overflows;
    int double_fetches;

    uma_recorder_set_printing(false);
    race(true, REQUESTS, &overflows, &double_fetches);
    CHECK_EQ(overflows, 0);
    CHECK_EQ(double_fetches, 0);

    race(false, REQUESTS, &overflows, &double_fetches);
    /* Every request that got past the check re-read Length. */
    CHECK(double_fetches > 0);
    CHECK(uma_double_fetch_count() <= 1);
    printf("re-reading handler: %d of %d requests double-fetched Length, %d overflowed the %d-byte buffer\n",
           double_fetches, REQUESTS, overflows, KERNEL_BUFFER_SIZE);

    /* One request, printed the way a developer sees it. */
    {
        MESSAGE *user_message = uma_user_alloc(sizeof(MESSAGE), 8);
        UCHAR output[KERNEL_BUFFER_SIZE];
        ULONG copied = 0;
        uma_recorder_set_printing(true);
        USER_VIEW(MESSAGE, user_message)->Length = 4;
        uma_request_begin();
        handle_rereading(user_message, output, &copied);
        CHECK_EQ(uma_request_end(), 1);
        CHECK_EQ(uma_double_fetch_get(0)->start, (uintptr_t)&user_message->Length);
        uma_user_free(user_message);
    }
    return uma_test_finish();
}
