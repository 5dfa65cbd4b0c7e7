/*
 * probe_test.c - ProbeForRead, ProbeForWrite, ExProbeAlignment, the raise
 * helpers, MmUserProbeAddress/MmHighestUserAddress and UmaExceptionFilter.
 */
#include "uma_test.h"

static void test_probe_for_read(void)
{
    unsigned char *user = uma_user_alloc(64, 16);
    unsigned char kernel[16];
    uintptr_t lowest = uma_user_lowest_address();

    EXPECT_NO_RAISE(ProbeForRead(user, 64, 1));
    EXPECT_NO_RAISE(ProbeForRead(user, 64, 16));
    EXPECT_NO_RAISE(ProbeForRead(user + 4, 4, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ProbeForRead(user + 2, 4, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ProbeForRead(user + 8, 8, 16));
    /* Misalignment is checked before the range: a misaligned kernel pointer
     * is reported as misaligned. */
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ProbeForRead((void *)((uintptr_t)kernel | 1), 4, 2));

    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForRead(kernel, 1, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForRead((void *)(lowest - 1), 1, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForRead((void *)(lowest - 1), 2, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForRead(user, (SIZE_T)-1, 1)); /* wraps */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForRead((void *)MmUserProbeAddress, 1, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForRead((void *)(MmUserProbeAddress - 1), 2, 1));
    /* The end address may equal the probe address; nothing is touched, so
     * unmapped pages pass. */
    EXPECT_NO_RAISE(ProbeForRead((void *)(MmUserProbeAddress - 16), 16, 1));
    EXPECT_NO_RAISE(ProbeForRead((void *)lowest, 1, 1));
    /* Zero length: nothing is checked at all. */
    EXPECT_NO_RAISE(ProbeForRead(kernel, 0, 4));
    EXPECT_NO_RAISE(ProbeForRead((void *)1, 0, 1));

    EXPECT_NO_RAISE(ExProbeAlignment(user, 8, 8));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ExProbeAlignment(user + 4, 8, 8));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ExProbeAlignment(kernel, 8, 1));
    EXPECT_NO_RAISE(ExProbeAlignment(kernel, 0, 8));
    uma_user_free(user);
}

static void test_probe_for_write(void)
{
    size_t page = uma_user_page_size();
    unsigned char *user = uma_user_alloc(3 * page, 16);
    unsigned char *view = uma_user_view(user);
    unsigned char kernel[16];

    view[0] = 0x5A;
    view[page] = 0x6B;
    EXPECT_NO_RAISE(ProbeForWrite(user, 3 * page, 4));
    CHECK(view[0] == 0x5A && view[page] == 0x6B); /* touched, not changed */
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ProbeForWrite(user + 1, 4, 2));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForWrite(kernel, 4, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForWrite(user, (SIZE_T)-1, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForWrite((void *)(MmUserProbeAddress - 1), 2, 1));
    EXPECT_NO_RAISE(ProbeForWrite(kernel, 0, 1));

    /* It touches each page: a read-only or unmapped middle page raises. */
    CHECK_EQ(uma_user_protect(user + page, page, UMA_PROT_READ), 0);
    EXPECT_NO_RAISE(ProbeForRead(user, 3 * page, 1));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForWrite(user, 3 * page, 1));
    EXPECT_NO_RAISE(ProbeForWrite(user, page, 1));
    CHECK_EQ(uma_user_protect(user + page, page, UMA_PROT_NONE), 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForWrite(user + page - 1, 2, 1));
    /* The page after the buffer is never mapped. */
    CHECK_EQ(uma_user_protect(user + page, page, UMA_PROT_RW), 0);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ProbeForWrite(user, 3 * page + 1, 1));
    uma_user_free(user);
}

static void test_raise_helpers_and_variables(void)
{
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ExRaiseAccessViolation());
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ExRaiseDatatypeMisalignment());
    EXPECT_RAISES(STATUS_INSUFFICIENT_RESOURCES, ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES));

    CHECK_EQ(MmUserProbeAddress, uma_user_probe_address());
    CHECK_EQ((uintptr_t)MmHighestUserAddress, MmUserProbeAddress - 1);
    CHECK_EQ(MM_USER_PROBE_ADDRESS, MmUserProbeAddress);
    CHECK(uma_is_user_address((void *)uma_user_lowest_address()));
    CHECK(uma_is_user_address(MmHighestUserAddress));
    CHECK(!uma_is_user_address((void *)MmUserProbeAddress));
    CHECK(!uma_is_user_address(&test_raise_helpers_and_variables));
}

static void test_exception_filter(void)
{
    volatile int handled = 0;
    volatile NTSTATUS outer_code = 0;
    ULONG kernel = 0;

    CHECK_EQ(UmaExceptionFilter(UserMode), EXCEPTION_EXECUTE_HANDLER);
    CHECK_EQ(UmaExceptionFilter((KPROCESSOR_MODE)5), EXCEPTION_EXECUTE_HANDLER);
    CHECK_EQ(UmaExceptionFilter(KernelMode), EXCEPTION_CONTINUE_SEARCH);

    /* UserMode: the handler runs with the access violation. */
    __try {
        (void)ReadULongFromMode(&kernel, UserMode);
    } __except (UmaExceptionFilter(UserMode)) {
        handled = GetExceptionCode() == STATUS_ACCESS_VIOLATION;
    }
    CHECK(handled);

    /* KernelMode: the inner handler is skipped, the exception propagates. */
    handled = 0;
    __try {
        __try {
            ExRaiseAccessViolation();
        } __except (UmaExceptionFilter(KernelMode)) {
            handled = 1;
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        outer_code = GetExceptionCode();
    }
    CHECK(!handled);
    CHECK_EQ(outer_code, STATUS_ACCESS_VIOLATION);
}

int main(void)
{
    test_probe_for_read();
    test_probe_for_write();
    test_raise_helpers_and_variables();
    test_exception_filter();
    return uma_test_finish();
}
