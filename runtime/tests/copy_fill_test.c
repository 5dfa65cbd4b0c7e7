/*
 * copy_fill_test.c - bulk copy/move and fill/zero accessors.
 *
 * Results, kernel pointers and wrap-around as user ranges, unmapped pages,
 * zero length with garbage pointers (nothing is probed), overlapping
 * MoveToUserFromUser, the Mode variants (Mode describes the destination
 * of CopyToMode and the source of CopyFromMode) and CopyFromUserToMode's
 * inverted test, and the two fill argument orders.
 */
#include <string.h>

#include "uma_test.h"

#define GARBAGE ((void *)(uintptr_t)0xDEAD0000BEEF0001ULL)

static void fill_pattern(unsigned char *bytes, size_t length, unsigned seed)
{
    for (size_t index = 0; index < length; index++) {
        bytes[index] = (unsigned char)(index * 7 + seed);
    }
}

static void test_copies(void)
{
    enum { SIZE = 3 * 4096 + 100 };
    unsigned char *user = uma_user_alloc(SIZE, 1);
    unsigned char *user2 = uma_user_alloc(SIZE, 1);
    static unsigned char kernel[SIZE];
    static unsigned char back[SIZE];

    fill_pattern(kernel, SIZE, 1);
    EXPECT_NO_RAISE(CopyToUser(user, kernel, SIZE));
    CHECK(memcmp(uma_user_view(user), kernel, SIZE) == 0);
    EXPECT_NO_RAISE(CopyFromUser(back, user, SIZE));
    CHECK(memcmp(back, kernel, SIZE) == 0);

    fill_pattern(kernel, SIZE, 2);
    EXPECT_NO_RAISE(CopyToUserNonTemporal(user + 1, kernel, SIZE - 1));
    EXPECT_NO_RAISE(CopyFromUserNonTemporal(back, user + 1, SIZE - 1));
    CHECK(memcmp(back, kernel, SIZE - 1) == 0);

    EXPECT_NO_RAISE(CopyToUserFromUser(user2, user + 1, SIZE - 1));
    CHECK(memcmp(uma_user_view(user2), kernel, SIZE - 1) == 0);

    /* Mode describes the destination of CopyToMode... */
    fill_pattern(kernel, SIZE, 3);
    EXPECT_NO_RAISE(CopyToMode(user, kernel, 64, UserMode));
    CHECK(memcmp(uma_user_view(user), kernel, 64) == 0);
    EXPECT_NO_RAISE(CopyToModeNonTemporal(user, kernel + 1, 64, UserMode));
    CHECK(memcmp(uma_user_view(user), kernel + 1, 64) == 0);
    EXPECT_NO_RAISE(CopyToMode(back, kernel, 64, KernelMode));
    CHECK(memcmp(back, kernel, 64) == 0);
    EXPECT_NO_RAISE(CopyToModeNonTemporal(back, kernel + 2, 64, KernelMode));
    CHECK(memcmp(back, kernel + 2, 64) == 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToMode(back, kernel, 64, UserMode));

    /* ...and the source of CopyFromMode. */
    memset(back, 0, SIZE);
    EXPECT_NO_RAISE(CopyFromMode(back, user, 64, UserMode));
    CHECK(memcmp(back, uma_user_view(user), 64) == 0);
    EXPECT_NO_RAISE(CopyFromModeNonTemporal(back, user + 5, 64, UserMode));
    CHECK(memcmp(back, (unsigned char *)uma_user_view(user) + 5, 64) == 0);
    EXPECT_NO_RAISE(CopyFromMode(back, kernel, 64, KernelMode));
    CHECK(memcmp(back, kernel, 64) == 0);
    EXPECT_NO_RAISE(CopyFromModeNonTemporal(back, kernel + 3, 64, KernelMode));
    CHECK(memcmp(back, kernel + 3, 64) == 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromMode(back, kernel, 64, UserMode));

    /* CopyFromUserToMode: KernelMode copies into kernel memory; any other
     * mode copies user to user (the header tests Mode == KernelMode). */
    memset(back, 0, SIZE);
    EXPECT_NO_RAISE(CopyFromUserToMode(back, user, 64, KernelMode));
    CHECK(memcmp(back, uma_user_view(user), 64) == 0);
    EXPECT_NO_RAISE(CopyFromUserToMode(user2, user, 64, UserMode));
    CHECK(memcmp(uma_user_view(user2), uma_user_view(user), 64) == 0);
    EXPECT_NO_RAISE(CopyFromUserToMode(user2, user, 64, (KPROCESSOR_MODE)9));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUserToMode(back, user, 64, UserMode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUserToMode(back, kernel, 64, KernelMode));

    /* Kernel pointers on the user side. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUser(back, kernel, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUserNonTemporal(back, kernel, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToUser(back, kernel, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToUserNonTemporal(back, kernel, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToUserFromUser(user, kernel, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToUserFromUser(back, user, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, MoveToUserFromUser(back, user, 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, MoveToUserFromUser(user, kernel, 16));

    /* Wrap-around and ranges crossing the top of user space. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUser(back, user, (SIZE_T)-1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToUser(user, kernel, (SIZE_T)0 - (uintptr_t)user + 16));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUser(back, (void *)(MmUserProbeAddress - 8), 16));

    /* Past the end of the buffer is the unmapped guard page. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUser(back, user + SIZE - 8, 4096));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyToUser(user + SIZE - 8, kernel, 4096));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, FillUserMemory(user + SIZE - 8, 4096, 1));

    uma_user_free(user);
    uma_user_free(user2);
}

static void test_zero_length_probes_nothing(void)
{
    unsigned char kernel[4] = {1, 2, 3, 4};
    EXPECT_NO_RAISE(CopyFromUser(GARBAGE, GARBAGE, 0));
    EXPECT_NO_RAISE(CopyFromUserNonTemporal(GARBAGE, GARBAGE, 0));
    EXPECT_NO_RAISE(CopyToUser(GARBAGE, GARBAGE, 0));
    EXPECT_NO_RAISE(CopyToUserNonTemporal(GARBAGE, GARBAGE, 0));
    EXPECT_NO_RAISE(CopyToUserFromUser(GARBAGE, GARBAGE, 0));
    EXPECT_NO_RAISE(MoveToUserFromUser(GARBAGE, GARBAGE, 0));
    EXPECT_NO_RAISE(CopyToMode(GARBAGE, GARBAGE, 0, UserMode));
    EXPECT_NO_RAISE(CopyToMode(GARBAGE, GARBAGE, 0, KernelMode));
    EXPECT_NO_RAISE(CopyToModeNonTemporal(GARBAGE, GARBAGE, 0, KernelMode));
    EXPECT_NO_RAISE(CopyFromMode(GARBAGE, GARBAGE, 0, UserMode));
    EXPECT_NO_RAISE(CopyFromMode(GARBAGE, GARBAGE, 0, KernelMode));
    EXPECT_NO_RAISE(CopyFromModeNonTemporal(GARBAGE, GARBAGE, 0, UserMode));
    EXPECT_NO_RAISE(CopyFromUserToMode(GARBAGE, GARBAGE, 0, KernelMode));
    EXPECT_NO_RAISE(CopyFromUserToMode(GARBAGE, GARBAGE, 0, UserMode));
    EXPECT_NO_RAISE(FillUserMemory(GARBAGE, 0, 0xFF));
    EXPECT_NO_RAISE(SetUserMemory(GARBAGE, 0xFF, 0));
    EXPECT_NO_RAISE(ZeroUserMemory(GARBAGE, 0));
    EXPECT_NO_RAISE(FillModeMemory(GARBAGE, 0, 1, UserMode));
    EXPECT_NO_RAISE(FillModeMemory(GARBAGE, 0, 1, KernelMode));
    EXPECT_NO_RAISE(SetModeMemory(GARBAGE, 1, 0, KernelMode));
    EXPECT_NO_RAISE(ZeroModeMemory(GARBAGE, 0, UserMode));
    EXPECT_NO_RAISE(ProbeForRead(GARBAGE, 0, 8));
    EXPECT_NO_RAISE(ProbeForWrite(GARBAGE, 0, 8));
    EXPECT_NO_RAISE(ExProbeAlignment(GARBAGE, 0, 8));
    EXPECT_NO_RAISE(CopyFromUserAligned(kernel, GARBAGE, 0, 8));
    CHECK(kernel[0] == 1);
}

static void test_move_allows_overlap(void)
{
    unsigned char *user = uma_user_alloc(256, 1);
    unsigned char *view = uma_user_view(user);
    unsigned char expected[256];

    fill_pattern(view, 256, 5);
    memcpy(expected, view, 256);
    memmove(expected + 10, expected, 200);
    EXPECT_NO_RAISE(MoveToUserFromUser(user + 10, user, 200)); /* forward overlap */
    CHECK(memcmp(view, expected, 256) == 0);

    memmove(expected, expected + 30, 200);
    EXPECT_NO_RAISE(MoveToUserFromUser(user, user + 30, 200)); /* backward overlap */
    CHECK(memcmp(view, expected, 256) == 0);
    uma_user_free(user);
}

static void test_fills(void)
{
    unsigned char *user = uma_user_alloc(300, 1);
    unsigned char *view = uma_user_view(user);
    unsigned char kernel[64];

    /* FillUserMemory(dst, len, fill) versus SetUserMemory(dst, fill, len). */
    EXPECT_NO_RAISE(FillUserMemory(user, 200, 0xA5));
    CHECK(view[0] == 0xA5 && view[199] == 0xA5 && view[200] == 0);
    EXPECT_NO_RAISE(SetUserMemory(user, 0x3C, 100));
    CHECK(view[0] == 0x3C && view[99] == 0x3C && view[100] == 0xA5);
    EXPECT_NO_RAISE(ZeroUserMemory(user + 1, 10));
    CHECK(view[0] == 0x3C && view[1] == 0 && view[10] == 0 && view[11] == 0x3C);
    EXPECT_NO_RAISE(FillModeMemory(user, 5, 0x11, UserMode));
    EXPECT_NO_RAISE(SetModeMemory(user + 5, 0x22, 5, UserMode));
    EXPECT_NO_RAISE(ZeroModeMemory(user + 10, 5, UserMode));
    CHECK(view[4] == 0x11 && view[5] == 0x22 && view[9] == 0x22 && view[10] == 0 && view[14] == 0);

    EXPECT_NO_RAISE(FillModeMemory(kernel, sizeof kernel, 0x77, KernelMode));
    CHECK(kernel[0] == 0x77 && kernel[63] == 0x77);
    EXPECT_NO_RAISE(SetModeMemory(kernel, 0x66, 8, KernelMode));
    CHECK(kernel[7] == 0x66 && kernel[8] == 0x77);
    EXPECT_NO_RAISE(ZeroModeMemory(kernel, 4, KernelMode));
    CHECK(kernel[3] == 0 && kernel[4] == 0x66);

    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, FillUserMemory(kernel, 4, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, SetUserMemory(kernel, 1, 4));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ZeroUserMemory(kernel, 4));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, FillModeMemory(kernel, 4, 1, UserMode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, SetModeMemory(kernel, 1, 4, UserMode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ZeroModeMemory(kernel, 4, UserMode));
    CHECK(kernel[3] == 0);
    uma_user_free(user);
}

int main(void)
{
    test_copies();
    test_zero_length_probes_nothing();
    test_move_allows_overlap();
    test_fills();
    return uma_test_finish();
}
