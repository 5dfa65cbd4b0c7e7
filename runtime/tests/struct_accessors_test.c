/*
 * struct_accessors_test.c - LARGE_INTEGER / ULARGE_INTEGER / UNICODE_STRING
 * accessors, the structure helpers and macros, the aligned macros and the
 * C11 _Generic dispatchers.
 */
#include <string.h>

#include "uma_test.h"

/* The struct macros static-assert sizeof(Mode) == sizeof(KPROCESSOR_MODE),
 * so the enum constants KernelMode/UserMode (int-sized) do not compile
 * there, exactly as with the WDK header: pass KPROCESSOR_MODE values. */
static const KPROCESSOR_MODE kernel_mode = KernelMode;
static const KPROCESSOR_MODE user_mode = UserMode;

typedef struct {
    ULONG Size;
    USHORT Kind;
    UCHAR Flags[6];
} HEADER; /* 12 bytes, alignment 4 */

static void test_large_integers(void)
{
    LARGE_INTEGER *user = uma_user_alloc(sizeof(LARGE_INTEGER) * 2, 8);
    LARGE_INTEGER value = {.QuadPart = -1234567890123LL};
    LARGE_INTEGER result = {.QuadPart = 0};
    ULARGE_INTEGER unsigned_value = {.QuadPart = 0xFEDCBA9876543210ULL};
    ULARGE_INTEGER unsigned_result = {.QuadPart = 0};
    LARGE_INTEGER kernel = {.QuadPart = 77};

    EXPECT_NO_RAISE(WriteLargeIntegerToUser(user, value));
    EXPECT_NO_RAISE(result = ReadLargeIntegerFromUser(user));
    CHECK(result.QuadPart == value.QuadPart);
    CHECK(USER_VIEW(LARGE_INTEGER, user)->QuadPart == value.QuadPart);
    EXPECT_NO_RAISE(result = ReadLargeIntegerFromMode(user, UserMode));
    CHECK(result.QuadPart == value.QuadPart);
    EXPECT_NO_RAISE(result = ReadLargeIntegerFromMode(&kernel, KernelMode));
    CHECK(result.QuadPart == 77);
    EXPECT_NO_RAISE(WriteLargeIntegerToMode(&kernel, value, KernelMode));
    CHECK(kernel.QuadPart == value.QuadPart);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = ReadLargeIntegerFromUser(&kernel));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, WriteLargeIntegerToMode(&kernel, value, UserMode));

    EXPECT_NO_RAISE(WriteULargeIntegerToMode((ULARGE_INTEGER *)&user[1], unsigned_value, UserMode));
    EXPECT_NO_RAISE(unsigned_result = ReadULargeIntegerFromUser((ULARGE_INTEGER *)&user[1]));
    CHECK(unsigned_result.QuadPart == unsigned_value.QuadPart);
    EXPECT_NO_RAISE(unsigned_result = ReadULargeIntegerFromMode((ULARGE_INTEGER *)&user[1], UserMode));
    CHECK(unsigned_result.QuadPart == unsigned_value.QuadPart);
    EXPECT_NO_RAISE(WriteULargeIntegerToUser((ULARGE_INTEGER *)&user[1], unsigned_value));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, unsigned_result = ReadULargeIntegerFromUser((ULARGE_INTEGER *)&kernel));
    uma_user_free(user);
}

static void test_unicode_string(void)
{
    UNICODE_STRING *user = uma_user_alloc(sizeof(UNICODE_STRING), 8);
    UNICODE_STRING *view = USER_VIEW(UNICODE_STRING, user);
    WCHAR text[] = {'a', 'b', 0};
    UNICODE_STRING value = {4, 6, text};
    UNICODE_STRING result;
    UNICODE_STRING kernel;
    unsigned char padding_sentinel[8];

    /* The padding between MaximumLength and Buffer must not be written. */
    memset((unsigned char *)view + 4, 0xAB, 4);
    EXPECT_NO_RAISE(WriteUnicodeStringToUser(user, value));
    CHECK(view->Length == 4 && view->MaximumLength == 6 && view->Buffer == text);
    memset(padding_sentinel, 0xAB, 4);
    CHECK(memcmp((unsigned char *)view + 4, padding_sentinel, 4) == 0);

    EXPECT_NO_RAISE(result = ReadUnicodeStringFromUser(user));
    CHECK(result.Length == 4 && result.MaximumLength == 6 && result.Buffer == text);
    EXPECT_NO_RAISE(result = ReadUnicodeStringFromMode(user, UserMode));
    CHECK(result.Length == 4 && result.Buffer == text);

    /* Length and MaximumLength are one 32-bit fetch, Buffer one pointer fetch. */
    uma_request_begin();
    result = ReadUnicodeStringFromUser(user);
    CHECK_EQ(uma_request_end(), 0);
    CHECK_EQ(uma_fetch_count(), 2);
    CHECK_EQ(uma_fetch_get(0)->start, (uintptr_t)&user->Length);
    CHECK_EQ(uma_fetch_get(0)->length, 4);
    CHECK_EQ(uma_fetch_get(1)->start, (uintptr_t)&user->Buffer);
    CHECK_EQ(uma_fetch_get(1)->length, sizeof(PVOID));

    kernel = value;
    EXPECT_NO_RAISE(result = ReadUnicodeStringFromMode(&kernel, KernelMode));
    CHECK(result.Length == 4 && result.MaximumLength == 6 && result.Buffer == text);
    value.Length = 2;
    EXPECT_NO_RAISE(WriteUnicodeStringToMode(&kernel, value, KernelMode));
    CHECK(kernel.Length == 2);
    EXPECT_NO_RAISE(WriteUnicodeStringToMode(user, value, UserMode));
    CHECK(view->Length == 2);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, result = ReadUnicodeStringFromUser(&kernel));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, WriteUnicodeStringToUser(&kernel, value));
    uma_user_free(user);
}

static void test_struct_helpers(void)
{
    HEADER *user = uma_user_alloc(sizeof(HEADER) * 2, 8);
    HEADER kernel = {100, 2, {1, 2, 3, 4, 5, 6}};
    HEADER copy;
    ULONG64 eight = 0x0102030405060708ULL;
    ULONG64 eight_copy = 0;
    USHORT two = 0xBEEF;
    USHORT two_copy = 0;

    memset(&copy, 0, sizeof copy);
    EXPECT_NO_RAISE(WriteStructToUser(user, &kernel));
    CHECK(memcmp(uma_user_view(user), &kernel, sizeof kernel) == 0);
    EXPECT_NO_RAISE(ReadStructFromUser(&copy, user));
    CHECK(memcmp(&copy, &kernel, sizeof kernel) == 0);

    /* Sizes 1, 2, 4 and 8 are one scalar fetch of that width. */
    uma_request_begin();
    ReadStructFromUserHelper(&eight_copy, user, 8);
    ReadStructFromUserHelper(&two_copy, (UCHAR *)user + 8, 2);
    ReadStructFromUserHelper(&copy, user, sizeof copy);
    uma_request_end();
    CHECK_EQ(uma_fetch_count(), 3);
    CHECK_EQ(uma_fetch_get(0)->length, 8);
    CHECK_EQ(uma_fetch_get(1)->length, 2);
    CHECK_EQ(uma_fetch_get(2)->length, sizeof(HEADER));

    EXPECT_NO_RAISE(WriteStructToUserHelper((UCHAR *)user + 1, &eight, 8)); /* misaligned is fine */
    EXPECT_NO_RAISE(ReadStructFromUserHelper(&eight_copy, (UCHAR *)user + 1, 8));
    CHECK(eight_copy == eight);
    EXPECT_NO_RAISE(WriteStructToModeHelper((UCHAR *)user + 3, &two, 2, UserMode));
    EXPECT_NO_RAISE(ReadStructFromModeHelper(&two_copy, (UCHAR *)user + 3, 2, UserMode));
    CHECK(two_copy == 0xBEEF);

    /* Kernel mode copies kernel memory; user mode refuses kernel pointers. */
    memset(&copy, 0, sizeof copy);
    EXPECT_NO_RAISE(ReadStructFromMode(&copy, &kernel, kernel_mode));
    CHECK(memcmp(&copy, &kernel, sizeof kernel) == 0);
    kernel.Size = 5;
    EXPECT_NO_RAISE(WriteStructToMode(&copy, &kernel, kernel_mode));
    CHECK(copy.Size == 5);
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ReadStructFromUser(&copy, &kernel));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ReadStructFromMode(&copy, &kernel, user_mode));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, WriteStructToUser(&copy, &kernel));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, WriteStructToMode(&copy, &kernel, user_mode));
    uma_user_free(user);
}

static void test_aligned_macros(void)
{
    unsigned char *buffer = uma_user_alloc(64, 16);
    HEADER *aligned = (HEADER *)(buffer + 4);
    HEADER *misaligned = (HEADER *)(buffer + 2);
    HEADER kernel = {1, 2, {3}};
    HEADER copy;
    HEADER kernel_copy;

    EXPECT_NO_RAISE(WriteStructToUserAligned(aligned, &kernel, TYPE_ALIGNMENT(HEADER)));
    EXPECT_NO_RAISE(ReadStructFromUserAligned(&copy, aligned, TYPE_ALIGNMENT(HEADER)));
    CHECK(copy.Size == 1 && copy.Kind == 2);
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ReadStructFromUserAligned(&copy, misaligned, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, WriteStructToUserAligned(misaligned, &kernel, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, ReadStructFromModeAligned(&copy, misaligned, user_mode, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, WriteStructToModeAligned(misaligned, &kernel, user_mode, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, CopyFromUserAligned(&copy, misaligned, sizeof copy, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT, CopyToUserAligned(misaligned, &kernel, sizeof kernel, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT,
                  CopyFromModeAligned(&copy, misaligned, sizeof copy, UserMode, 4));
    EXPECT_RAISES(STATUS_DATATYPE_MISALIGNMENT,
                  CopyToModeAligned(misaligned, &kernel, sizeof kernel, UserMode, 4));
    /* The unaligned forms accept the same pointer. */
    EXPECT_NO_RAISE(ReadStructFromUser(&copy, misaligned));
    EXPECT_NO_RAISE(CopyFromUser(&copy, misaligned, sizeof copy));
    /* Alignment is only checked for user mode. */
    EXPECT_NO_RAISE(ReadStructFromModeAligned(&kernel_copy, (HEADER *)((UCHAR *)&kernel + 0), kernel_mode, 4));
    EXPECT_NO_RAISE(CopyFromModeAligned(&kernel_copy, &kernel, sizeof kernel, KernelMode, 4));
    EXPECT_NO_RAISE(CopyToModeAligned(&kernel_copy, &kernel, sizeof kernel, KernelMode, 4));
    EXPECT_NO_RAISE(WriteStructToModeAligned(&kernel_copy, &kernel, kernel_mode, 4));
    /* A kernel pointer is an access violation, whatever its alignment. */
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, ReadStructFromUserAligned(&copy, &kernel, 4));
    EXPECT_RAISES(STATUS_ACCESS_VIOLATION, CopyFromUserAligned(&copy, &kernel, sizeof copy, 4));
    uma_user_free(buffer);
}

static void test_generic_dispatch(void)
{
    unsigned char *buffer = uma_user_alloc(128, 16);
    UINT8 *u8 = (UINT8 *)buffer;
    INT16 *i16 = (INT16 *)(buffer + 2);
    UINT32 *u32 = (UINT32 *)(buffer + 4);
    ULONG *ulong_field = (ULONG *)(buffer + 8);
    LONG *long_field = (LONG *)(buffer + 12);
    INT64 *i64 = (INT64 *)(buffer + 16);
    PVOID *pointer = (PVOID *)(buffer + 24);
    LARGE_INTEGER *large = (LARGE_INTEGER *)(buffer + 32);
    UNICODE_STRING *string = (UNICODE_STRING *)(buffer + 48);
    const volatile UINT32 *const_volatile_u32 = u32;
    LARGE_INTEGER large_value = {.QuadPart = 99};
    UNICODE_STRING string_value = {2, 4, NULL};

    EXPECT_NO_RAISE(WriteToUser(u8, (UINT8)200));
    EXPECT_NO_RAISE(WriteToUser(i16, (INT16)-2));
    EXPECT_NO_RAISE(WriteToUser(u32, (UINT32)70000));
    EXPECT_NO_RAISE(WriteToUser(ulong_field, (ULONG)5));
    EXPECT_NO_RAISE(WriteToUser(long_field, (LONG)-6));
    EXPECT_NO_RAISE(WriteToMode(i64, (INT64)-7, UserMode));
    EXPECT_NO_RAISE(WriteToUser(pointer, (PVOID)buffer));
    EXPECT_NO_RAISE(WriteToUser(large, large_value));
    EXPECT_NO_RAISE(WriteToMode(string, string_value, UserMode));

    CHECK(ReadFromUser(u8) == 200);
    CHECK(ReadFromUser(i16) == -2);
    CHECK(ReadFromUser(u32) == 70000);
    CHECK(ReadFromUser(const_volatile_u32) == 70000);
    CHECK(ReadFromUser(ulong_field) == 5);
    CHECK(ReadFromMode(long_field, UserMode) == -6);
    CHECK(ReadFromUser(i64) == -7);
    CHECK(ReadFromUser(pointer) == (PVOID)buffer);
    CHECK(ReadFromUser(large).QuadPart == 99);
    CHECK(ReadFromMode(string, UserMode).MaximumLength == 4);

    {
        UINT32 kernel = 3;
        CHECK(ReadFromMode(&kernel, KernelMode) == 3);
        EXPECT_RAISES(STATUS_ACCESS_VIOLATION, (void)ReadFromUser(&kernel));
    }
    uma_user_free(buffer);
}

int main(void)
{
    test_large_integers();
    test_unicode_string();
    test_struct_helpers();
    test_aligned_macros();
    test_generic_dispatch();
    return uma_test_finish();
}
