/*
 * string_length_test.c - StringLengthFromUser / WideStringLengthFromUser and
 * their Mode forms: lengths without the terminator, wide lengths in
 * characters, kernel strings in KernelMode, and raising when the walk runs
 * into an unmapped guard page or past the top of user space.
 */
#include <string.h>

#include "uma_test.h"

static void test_lengths(void)
{
    char *user = uma_user_alloc(64, 1);
    WCHAR *wide = uma_user_alloc(64, 2);
    WCHAR wide_text[] = {'w', 'i', 'd', 'e', 0};
    char kernel[] = "kernel";
    WCHAR kernel_wide[] = {'k', 0};
    SIZE_T length = 0;

    strcpy(uma_user_view(user), "hello");
    memcpy(uma_user_view(wide), wide_text, sizeof wide_text);
    EXPECT_NO_RAISE(length = StringLengthFromUser(user));
    CHECK_EQ(length, 5);
    EXPECT_NO_RAISE(length = StringLengthFromUser(user + 5));
    CHECK_EQ(length, 0);
    EXPECT_NO_RAISE(length = WideStringLengthFromUser(wide));
    CHECK_EQ(length, 4);
    EXPECT_NO_RAISE(length = StringLengthFromMode(user, UserMode));
    CHECK_EQ(length, 5);
    EXPECT_NO_RAISE(length = WideStringLengthFromMode(wide, UserMode));
    CHECK_EQ(length, 4);
    /* Unaligned wide strings are fine. */
    memcpy((char *)uma_user_view(user) + 11, wide_text, sizeof wide_text);
    EXPECT_NO_RAISE(length = WideStringLengthFromUser((WCHAR *)(user + 11)));
    CHECK_EQ(length, 4);

    EXPECT_NO_RAISE(length = StringLengthFromMode(kernel, KernelMode));
    CHECK_EQ(length, 6);
    EXPECT_NO_RAISE(length = WideStringLengthFromMode(kernel_wide, KernelMode));
    CHECK_EQ(length, 1);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = StringLengthFromUser(kernel));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = WideStringLengthFromUser(kernel_wide));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = StringLengthFromMode(kernel, UserMode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = WideStringLengthFromMode(kernel_wide, UserMode));
    uma_user_free(user);
    uma_user_free(wide);
}

static void test_unterminated_string_hits_the_guard_page(void)
{
    char *user = uma_user_alloc_at_page_end(16);
    WCHAR *wide = uma_user_alloc_at_page_end(16);
    volatile SIZE_T length = 99;

    memset(uma_user_view(user), 'x', 16);       /* no terminator before the unmapped page */
    memset(uma_user_view(wide), 'y', 16);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = StringLengthFromUser(user));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = WideStringLengthFromUser(wide));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = StringLengthFromMode(user, UserMode));
    CHECK_EQ(length, 99);
    ((char *)uma_user_view(user))[15] = 0;
    EXPECT_NO_RAISE(length = StringLengthFromUser(user));
    CHECK_EQ(length, 15);
    uma_user_free(user);
    uma_user_free(wide);
}

static void test_string_running_to_the_top_of_user_space(void)
{
    size_t page = uma_user_page_size();
    char *last_page = (char *)(MmUserProbeAddress - page);
    volatile SIZE_T length = 99;

    /* Map the last page of the window: the next byte is MmUserProbeAddress,
     * kernel space, so the probe of that byte raises. */
    CHECK_EQ(uma_user_protect(last_page, page, UMA_PROT_RW), 0);
    memset(uma_user_view(last_page), 'z', page);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = StringLengthFromUser(last_page + page - 8));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = WideStringLengthFromUser((WCHAR *)(last_page + page - 8)));
    /* A wide character straddling the top raises as well. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, length = WideStringLengthFromUser((WCHAR *)(last_page + page - 1)));
    CHECK_EQ(length, 99);
    CHECK_EQ(uma_user_protect(last_page, page, UMA_PROT_NONE), 0);
}

int main(void)
{
    test_lengths();
    test_unterminated_string_hits_the_guard_page();
    test_string_running_to_the_top_of_user_space();
    return uma_test_finish();
}
