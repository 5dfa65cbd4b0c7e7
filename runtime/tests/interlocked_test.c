/*
 * interlocked_test.c - the 12 Interlocked*ToUser / *ToMode accessors.
 *
 * Results (the initial value comes back), natural alignment enforced with
 * STATUS_DATATYPE_MISALIGNMENT, kernel pointers, the KernelMode path and
 * atomicity against a concurrent "user thread" working on the user view.
 */
#include <pthread.h>

#include "uma_test.h"

static void test_results(void)
{
    LONG *user32 = uma_user_alloc(64, 8);
    LONG64 *user64 = (LONG64 *)(user32 + 2);
    LONG kernel32 = 0x0F;
    LONG64 kernel64 = 0xF0;

    *USER_VIEW(LONG, user32) = 10;
    CHECK_EQ(InterlockedCompareExchangeToUser(user32, 20, 10), 10);
    CHECK_EQ(*USER_VIEW(LONG, user32), 20);
    CHECK_EQ(InterlockedCompareExchangeToUser(user32, 30, 10), 20); /* comperand mismatch */
    CHECK_EQ(*USER_VIEW(LONG, user32), 20);
    CHECK_EQ(InterlockedOrToUser(user32, 0x101), 20);
    CHECK_EQ(*USER_VIEW(LONG, user32), 20 | 0x101);
    CHECK_EQ(InterlockedAndToUser(user32, 0x100), 20 | 0x101);
    CHECK_EQ(*USER_VIEW(LONG, user32), 0x100);
    CHECK_EQ(InterlockedCompareExchangeToMode(user32, 1, 0x100, UserMode), 0x100);
    CHECK_EQ(InterlockedOrToMode(user32, 6, UserMode), 1);
    CHECK_EQ(InterlockedAndToMode(user32, 3, UserMode), 7);
    CHECK_EQ(*USER_VIEW(LONG, user32), 3);

    *USER_VIEW(LONG64, user64) = 0x100000000LL;
    CHECK_EQ(InterlockedCompareExchange64ToUser(user64, 0x200000000LL, 0x100000000LL), 0x100000000LL);
    CHECK_EQ(InterlockedOr64ToUser(user64, 1), 0x200000000LL);
    CHECK_EQ(InterlockedAnd64ToUser(user64, 0x200000000LL), 0x200000001LL);
    CHECK_EQ(InterlockedCompareExchange64ToMode(user64, 5, 0x200000000LL, UserMode), 0x200000000LL);
    CHECK_EQ(InterlockedOr64ToMode(user64, 2, UserMode), 5);
    CHECK_EQ(InterlockedAnd64ToMode(user64, 6, UserMode), 7);
    CHECK_EQ(*USER_VIEW(LONG64, user64), 6);

    /* KernelMode: ordinary interlocked operations on kernel memory. */
    CHECK_EQ(InterlockedCompareExchangeToMode(&kernel32, 1, 0x0F, KernelMode), 0x0F);
    CHECK_EQ(InterlockedOrToMode(&kernel32, 2, KernelMode), 1);
    CHECK_EQ(InterlockedAndToMode(&kernel32, 2, KernelMode), 3);
    CHECK_EQ(kernel32, 2);
    CHECK_EQ(InterlockedCompareExchange64ToMode(&kernel64, 1, 0xF0, KernelMode), 0xF0);
    CHECK_EQ(InterlockedOr64ToMode(&kernel64, 4, KernelMode), 1);
    CHECK_EQ(InterlockedAnd64ToMode(&kernel64, 4, KernelMode), 5);
    CHECK_EQ(kernel64, 4);

    /* Kernel pointers through the user forms. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedCompareExchangeToUser(&kernel32, 1, 2));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedOrToUser(&kernel32, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedAndToMode(&kernel32, 1, UserMode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedCompareExchange64ToMode(&kernel64, 1, 2, UserMode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedOr64ToUser(&kernel64, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedAnd64ToUser(&kernel64, 1));
    CHECK_EQ(kernel32, 2);

    /* Natural alignment: 4 bytes for the 32-bit forms, 8 for the 64-bit. */
    LONG *misaligned32 = (LONG *)((UCHAR *)user32 + 2);
    LONG64 *misaligned64 = (LONG64 *)((UCHAR *)user64 + 4);
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, InterlockedCompareExchangeToUser(misaligned32, 1, 2));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, InterlockedOrToUser(misaligned32, 1));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, InterlockedAndToMode(misaligned32, 1, UserMode));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, InterlockedCompareExchange64ToUser(misaligned64, 1, 2));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, InterlockedOr64ToMode(misaligned64, 1, UserMode));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, InterlockedAnd64ToUser(misaligned64, 1));

    /* Read-only and unmapped pages. */
    CHECK_EQ(uma_user_protect(user32, 64, UMA_PROT_READ), 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedOrToUser(user32, 1));
    CHECK_EQ(uma_user_protect(user32, 64, UMA_PROT_NONE), 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, InterlockedCompareExchange64ToUser(user64, 1, 2));
    uma_user_free(user32);
}

enum { ROUNDS = 20000 };

static void *user_thread_sets_high_bits(void *argument)
{
    LONG *view = argument;
    for (int round = 0; round < ROUNDS; round++) {
        __atomic_fetch_or(view, (LONG)0x10000 << (round % 8), __ATOMIC_SEQ_CST);
        __atomic_fetch_and(view, ~((LONG)0x10000 << (round % 8)), __ATOMIC_SEQ_CST);
    }
    return NULL;
}

static void test_atomic_against_user_thread(void)
{
    LONG *user = uma_user_alloc(sizeof(LONG), 4);
    pthread_t thread;
    int lost = 0;

    pthread_create(&thread, NULL, user_thread_sets_high_bits, uma_user_view(user));
    for (int round = 0; round < ROUNDS; round++) {
        InterlockedOrToUser(user, 1);
        if ((InterlockedAndToUser(user, ~1) & 1) == 0) {
            lost++;
        }
    }
    pthread_join(thread, NULL);
    CHECK_EQ(lost, 0);
    CHECK_EQ(*USER_VIEW(LONG, user), 0);
    uma_user_free(user);
}

int main(void)
{
    test_results();
    test_atomic_against_user_thread();
    return uma_test_finish();
}
