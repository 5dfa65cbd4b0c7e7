/*
 * recorder_test.c - the double-fetch recorder.
 *
 * A second fetch of the same user bytes is reported with both call sites;
 * one bulk copy is one fetch; adjacent or overlapping fetches report only
 * the bytes fetched twice; writes, interlocked operations, kernel-mode
 * paths and fetches outside a request are not recorded; requests are per
 * thread.
 */
#include <pthread.h>
#include <string.h>

#include "uma_test.h"

typedef struct {
    ULONG Length;
    ULONG Flags;
    UCHAR Data[56];
} REQUEST;

static void test_double_fetch_is_reported(void)
{
    REQUEST *user = uma_user_alloc(sizeof(REQUEST), 8);
    ULONG first;
    ULONG second;
    const struct uma_double_fetch *report;
    char text[512];
    int first_line;

    uma_request_begin();
    first_line = __LINE__ + 1;
    first = ReadULongFromUser(&user->Length);
    second = ReadULongFromUser(&user->Length);
    CHECK_EQ(uma_request_end(), 1);
    CHECK_EQ(first + second, 0);

    report = uma_double_fetch_get(0);
    CHECK(report != NULL);
    CHECK_EQ(report->start, (uintptr_t)&user->Length);
    CHECK_EQ(report->end, (uintptr_t)&user->Length + 4);
    CHECK(strstr(report->first.file, "recorder_test.c") != NULL);
    CHECK_EQ(report->first.line, first_line);
    CHECK_EQ(report->again.line, first_line + 1);
    uma_double_fetch_format(report, text, sizeof text);
    CHECK(strstr(text, "umaccess: double fetch of user bytes [0x") != NULL);
    CHECK(strstr(text, "): first at ") != NULL && strstr(text, ", again at ") != NULL);
    uma_user_free(user);
}

static void test_bulk_copy_is_one_fetch(void)
{
    REQUEST *user = uma_user_alloc(sizeof(REQUEST), 8);
    REQUEST kernel;
    ULONG flags;

    uma_request_begin();
    CopyFromUser(&kernel, user, sizeof kernel);
    ReadStructFromUser(&kernel, user);            /* every byte again */
    CHECK_EQ(uma_request_end(), 1);
    CHECK_EQ(uma_double_fetch_get(0)->end - uma_double_fetch_get(0)->start, sizeof(REQUEST));

    /* Disjoint fields are fine; a later copy overlapping two of them is
     * reported once per first-fetch site. */
    uma_request_begin();
    (void)ReadULongFromUser(&user->Length);
    flags = ReadULongFromUser(&user->Flags);
    CopyFromUser(kernel.Data, user->Data, sizeof kernel.Data);
    CHECK_EQ(uma_double_fetch_count(), 0);
    CopyFromUser(&kernel, user, 8);
    CHECK_EQ(uma_request_end(), 2);
    CHECK_EQ(uma_double_fetch_get(0)->start, (uintptr_t)&user->Length);
    CHECK_EQ(uma_double_fetch_get(1)->start, (uintptr_t)&user->Flags);
    CHECK_EQ(flags, 0);

    /* A partial overlap reports only the bytes read twice. */
    uma_request_begin();
    CopyFromUser(&kernel, user, 6);
    CopyFromUser(&kernel, (UCHAR *)user + 4, 6);
    CHECK_EQ(uma_request_end(), 1);
    CHECK_EQ(uma_double_fetch_get(0)->start, (uintptr_t)user + 4);
    CHECK_EQ(uma_double_fetch_get(0)->end, (uintptr_t)user + 6);
    uma_user_free(user);
}

static void test_what_is_not_recorded(void)
{
    REQUEST *user = uma_user_alloc(sizeof(REQUEST), 8);
    REQUEST kernel = {0};
    ULONG value;

    /* Outside a request nothing is recorded. */
    value = ReadULongFromUser(&user->Length);
    value = ReadULongFromUser(&user->Length);

    uma_request_begin();
    WriteULongToUser(&user->Length, 1);
    WriteULongToUser(&user->Length, 2);
    CopyToUser(user, &kernel, sizeof kernel);
    InterlockedOrToUser((LONG *)&user->Flags, 1);
    InterlockedOrToUser((LONG *)&user->Flags, 2);
    value = ReadULongFromMode(&kernel.Length, KernelMode);
    value = ReadULongFromMode(&kernel.Length, KernelMode);
    CopyFromMode(&kernel, &kernel.Data, 8, KernelMode);
    /* A fetch that raised is not a fetch. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, value = ReadULongFromUser(&kernel.Length));
    value = ReadULongFromUser(&user->Length);
    CHECK_EQ(uma_request_end(), 0);
    CHECK_EQ(uma_fetch_count(), 1);
    CHECK_EQ(value, 0);
    uma_user_free(user);
}

static void test_mode_and_acquire_forms_are_recorded(void)
{
    REQUEST *user = uma_user_alloc(sizeof(REQUEST), 8);
    REQUEST kernel;
    UNICODE_STRING *string = (UNICODE_STRING *)user->Data;
    UNICODE_STRING captured;
    SIZE_T length;

    uma_request_begin();
    (void)ReadULongFromMode(&user->Length, UserMode);
    (void)ReadULongFromUserAcquire(&user->Length);
    CopyFromMode(&kernel, user, sizeof kernel, UserMode);
    ReadStructFromMode(&kernel, user, (KPROCESSOR_MODE)UserMode);
    captured = ReadUnicodeStringFromUser(string);
    captured = ReadUnicodeStringFromMode(string, UserMode);
    length = StringLengthFromUser((CHAR *)user->Data + 40);
    length = StringLengthFromMode((CHAR *)user->Data + 40, UserMode);
    uma_request_end();
    CHECK_EQ(uma_fetch_count(), 10);
    CHECK(uma_double_fetch_count() >= 6);
    CHECK_EQ(length + captured.Length, 0);
    uma_user_free(user);
}

static void *other_thread_request(void *argument)
{
    REQUEST *user = argument;
    uma_request_begin();
    (void)ReadULongFromUser(&user->Length);
    return (void *)(uintptr_t)uma_request_end();
}

static void test_requests_are_per_thread(void)
{
    REQUEST *user = uma_user_alloc(sizeof(REQUEST), 8);
    pthread_t thread;
    void *other_count;

    uma_request_begin();
    (void)ReadULongFromUser(&user->Length);
    pthread_create(&thread, NULL, other_thread_request, user);
    pthread_join(thread, &other_count);
    CHECK_EQ((uintptr_t)other_count, 0);
    CHECK_EQ(uma_request_end(), 0);
    uma_user_free(user);
}

int main(void)
{
    uma_recorder_set_printing(false);
    test_double_fetch_is_reported();
    test_bulk_copy_is_one_fetch();
    test_what_is_not_recorded();
    test_mode_and_acquire_forms_are_recorded();
    test_requests_are_per_thread();
    return uma_test_finish();
}
