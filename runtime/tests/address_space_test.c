/*
 * address_space_test.c - the emulated user window of uma_host.h.
 *
 * Allocation placement and alignment, the unmapped page after each buffer,
 * the user view aliasing the same bytes, page protection, free, and the
 * SMAP switch (off: the kernel-visible addresses become usable directly,
 * and a direct access to an unmapped user page raises like on Windows).
 */
#include <string.h>

#include "uma_test.h"

static void test_allocation(void)
{
    size_t page = uma_user_page_size();
    unsigned char *small = uma_user_alloc(10, 0);
    unsigned char *aligned = uma_user_alloc(100, 64);
    unsigned char *big_alignment = uma_user_alloc(100, 4 * page);
    unsigned char *at_end = uma_user_alloc_at_page_end(10);
    unsigned char byte = 0;

    CHECK(uma_is_user_address(small) && uma_is_user_address(at_end));
    CHECK_EQ((uintptr_t)aligned % 64, 0);
    CHECK_EQ((uintptr_t)big_alignment % (4 * page), 0);
    CHECK_EQ(((uintptr_t)at_end + 10) % page, 0);
    CHECK(uma_user_alloc(10, 3) == NULL); /* not a power of two */

    /* Fresh buffers are zero; the user view sees the same bytes. */
    EXPECT_NO_RAISE(byte = ReadUCharFromUser(small + 9));
    CHECK_EQ(byte, 0);
    ((unsigned char *)uma_user_view(small))[3] = 0x42;
    CHECK_EQ(ReadUCharFromUser(small + 3), 0x42);
    WriteUCharToUser(small + 4, 0x43);
    CHECK_EQ(((unsigned char *)uma_user_view(small))[4], 0x43);

    /* The byte after an at-page-end buffer is unmapped. */
    EXPECT_NO_RAISE(byte = ReadUCharFromUser(at_end + 9));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, byte = ReadUCharFromUser(at_end + 10));
    /* So is the page after any buffer's last page. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, byte = ReadUCharFromUser(small + page));

    /* Freed buffers are unmapped; reallocated memory is zero again. */
    uma_user_free(small + 5); /* any address inside works */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, byte = ReadUCharFromUser(small + 3));
    unsigned char *again = uma_user_alloc(10, 0);
    CHECK(again != NULL);
    EXPECT_NO_RAISE(byte = ReadUCharFromUser(again + 3));
    CHECK_EQ(byte, 0);
    uma_user_free(again);
    uma_user_free(aligned);
    uma_user_free(big_alignment);
    uma_user_free(at_end);
    uma_user_free(NULL);

    CHECK(uma_user_view(&byte) == NULL);
    CHECK_EQ(uma_user_protect(&byte, 1, UMA_PROT_NONE), -1);
}

static void test_many_allocations_reuse_space(void)
{
    int failures = 0;
    for (int round = 0; round < 2000; round++) {
        void *buffer = uma_user_alloc(64 * 1024, 8);
        failures += buffer == NULL;
        uma_user_free(buffer);
    }
    CHECK_EQ(failures, 0);
}

static void test_smap_off(void)
{
    size_t page = uma_user_page_size();
    volatile ULONG *user = uma_user_alloc(sizeof(ULONG), 4);
    volatile ULONG value = 0;
    bool previous = uma_smap_enable(false);

    CHECK(previous);
    CHECK(!uma_smap_enabled());
    /* Legacy code may now touch user memory directly... */
    *user = 7;
    CHECK_EQ(*(ULONG *)uma_user_view((void *)user), 7);
    CHECK_EQ(*user, 7);
    /* ...and a direct access to an unmapped user page raises an access
     * violation instead of crashing, as inside __try on Windows. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, value = *(volatile ULONG *)((uintptr_t)user + page));
    CHECK_EQ(uma_user_protect((void *)user, 4, UMA_PROT_READ), 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, *user = 8);
    CHECK_EQ(*user, 7);
    (void)value;

    CHECK(!uma_smap_enable(true));
    CHECK(uma_smap_enabled());
    CHECK_EQ(ReadULongFromUser(user), 7);
    uma_user_free((void *)user);
}

int main(void)
{
    test_allocation();
    test_many_allocations_reuse_space();
    test_smap_off();
    return uma_test_finish();
}
