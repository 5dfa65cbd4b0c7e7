/*
 * scalar_accessors_test.c - the 174 typed accessors (29 types x 6 variants).
 *
 * For every row of the type table: values round-trip through the user
 * window and agree with what the user process sees; Acquire/Release and
 * the Mode variants take the same paths; KernelMode reads and writes
 * kernel memory directly; kernel pointers, wrapping pointers and unmapped
 * pages raise STATUS_ACCESS_VIOLATION; misaligned user pointers are fine.
 */
#include <string.h>

#include "uma_test.h"
#include <uma_typed_table.h>

#define PATTERN 0x8877665544332211ULL

static unsigned char *user_page;   /* one mapped page, then the guard page */
static unsigned char *unmapped;    /* a user page with no access */

#define TEST_TYPE(T, CType, Prim, PType, Kind)                                                 \
    static void test_##T(void)                                                                 \
    {                                                                                          \
        const CType value = UMA_FROM_PRIM_##Kind(CType, (PType)PATTERN);                       \
        const CType other = UMA_FROM_PRIM_##Kind(CType, (PType)~PATTERN);                     \
        CType *user = (CType *)user_page;                                                      \
        CType *misaligned = (CType *)(user_page + 33);                                         \
        CType kernel = other;                                                                  \
        volatile CType result = other;                                                               \
        CType (*taken)(const volatile CType *) = &Read##T##FromUser;                           \
                                                                                               \
        EXPECT_NO_RAISE(Write##T##ToUser(user, value));                                        \
        CHECK(memcmp(uma_user_view(user), &value, sizeof(CType)) == 0);                        \
        EXPECT_NO_RAISE(result = Read##T##FromUser(user));                                     \
        CHECK(result == value);                                                                \
        CHECK(taken(user) == value);                                                           \
        EXPECT_NO_RAISE(Write##T##ToUserRelease(user, other));                                 \
        EXPECT_NO_RAISE(result = Read##T##FromUserAcquire(user));                              \
        CHECK(result == other);                                                                \
        EXPECT_NO_RAISE(Write##T##ToMode(user, value, UserMode));                              \
        EXPECT_NO_RAISE(result = Read##T##FromMode(user, UserMode));                           \
        CHECK(result == value);                                                                \
        /* Any non-zero mode is a user mode. */                                                \
        EXPECT_NO_RAISE(result = Read##T##FromMode(user, (KPROCESSOR_MODE)7));                 \
        CHECK(result == value);                                                                \
                                                                                               \
        /* Alignment is not enforced. */                                                       \
        EXPECT_NO_RAISE(Write##T##ToUser(misaligned, value));                                  \
        EXPECT_NO_RAISE(result = Read##T##FromUser(misaligned));                               \
        CHECK(result == value);                                                                \
        EXPECT_NO_RAISE(result = Read##T##FromUserAcquire(misaligned));                        \
        CHECK(result == value);                                                                \
        EXPECT_NO_RAISE(Write##T##ToUserRelease(misaligned, other));                           \
        CHECK(memcmp(uma_user_view(misaligned), &other, sizeof(CType)) == 0);                  \
                                                                                               \
        /* KernelMode: a direct access to kernel memory. */                                    \
        EXPECT_NO_RAISE(result = Read##T##FromMode(&kernel, KernelMode));                      \
        CHECK(result == other);                                                                \
        EXPECT_NO_RAISE(Write##T##ToMode(&kernel, value, KernelMode));                         \
        CHECK(kernel == value);                                                                \
                                                                                               \
        /* Kernel pointers as user pointers: the probe refuses them. */                        \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = Read##T##FromUser(&kernel));           \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = Read##T##FromUserAcquire(&kernel));    \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = Read##T##FromMode(&kernel, UserMode)); \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, Write##T##ToUser(&kernel, other));              \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, Write##T##ToUserRelease(&kernel, other));       \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, Write##T##ToMode(&kernel, other, UserMode));    \
        CHECK(kernel == value);                                                                \
                                                                                               \
        /* A range that wraps around the top of the address space. */                          \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION,                                                 \
                      result = Read##T##FromUser((CType *)(UINTPTR_MAX - sizeof(CType) + 2))); \
        /* A range that crosses MmUserProbeAddress. */                                         \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION,                                                 \
                      result = Read##T##FromUser((CType *)(MmUserProbeAddress - sizeof(CType) / 2))); \
        /* Unmapped user pages and a value straddling into the guard page. */                  \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = Read##T##FromUser((CType *)unmapped)); \
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, Write##T##ToUser((CType *)unmapped, value));    \
        if (sizeof(CType) > 1) {                                                               \
            CType *straddling = (CType *)(user_page + uma_user_page_size() - 1);               \
            EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = Read##T##FromUser(straddling));    \
        }                                                                                      \
        (void)result;                                                                          \
    }

UMA_TYPED_ACCESSOR_TABLE(TEST_TYPE)

#define RUN_TYPE(T, CType, Prim, PType, Kind) test_##T();

static void test_read_only_page(void)
{
    ULONG *user = uma_user_alloc(sizeof(ULONG), 4);
    ULONG value = 0;
    *USER_VIEW(ULONG, user) = 5;
    CHECK_EQ(uma_user_protect(user, sizeof(ULONG), UMA_PROT_READ), 0);
    EXPECT_NO_RAISE(value = ReadULongFromUser(user));
    CHECK_EQ(value, 5);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, WriteULongToUser(user, 6));
    uma_user_free(user);
}

static void test_signed_values_keep_their_sign(void)
{
    LONG *user = uma_user_alloc(sizeof(LONG64), 8);
    WriteLongToUser(user, -5);
    CHECK(ReadLongFromUser(user) == -5);
    WriteInt8ToUser((INT8 *)user, -3);
    CHECK(ReadInt8FromUser((INT8 *)user) == -3);
    WriteShortToUser((SHORT *)user, -300);
    CHECK(ReadShortFromUser((SHORT *)user) == -300);
    WriteLong64ToUser((LONG64 *)user, -7000000000LL);
    CHECK(ReadLong64FromUser((LONG64 *)user) == -7000000000LL);
    WriteNtStatusToUser((NTSTATUS *)user, STATUS_ACCESS_VIOLATION);
    CHECK(ReadNtStatusFromUser((NTSTATUS *)user) == STATUS_ACCESS_VIOLATION);
    uma_user_free(user);
}

int main(void)
{
    user_page = uma_user_alloc(uma_user_page_size(), uma_user_page_size());
    unmapped = uma_user_alloc(uma_user_page_size(), 0);
    CHECK(user_page != NULL && unmapped != NULL);
    CHECK_EQ(uma_user_protect(unmapped, uma_user_page_size(), UMA_PROT_NONE), 0);

    UMA_TYPED_ACCESSOR_TABLE(RUN_TYPE)
    test_read_only_page();
    test_signed_values_keep_their_sign();

    uma_user_free(user_page);
    uma_user_free(unmapped);
    return uma_test_finish();
}
