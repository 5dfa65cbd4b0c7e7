/* accessor_names_test.c - the typed accessor names must match the API
 * exactly (usermode-accessors.md, appendix): a wrong capital letter is a
 * suggestion that does not compile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/accessor_names.h"

static int failures;

static struct fact_type type_of(const char *spelling, const char *canonical, enum type_class type_class,
                                long long size)
{
    struct fact_type type;
    memset(&type, 0, sizeof type);
    type.spelling = spelling;
    type.canonical = canonical;
    type.type_class = type_class;
    type.size = size;
    return type;
}

static void expect_token(const char *spelling, const char *canonical, enum type_class type_class, long long size,
                         const char *token, bool needs_cast)
{
    struct fact_type type = type_of(spelling, canonical, type_class, size);
    struct accessor_type accessor;
    bool found = accessor_type_of(&type, &accessor);
    if (!token) {
        if (found) {
            fprintf(stderr, "FAIL %s: expected no accessor, got %s\n", spelling, accessor.token);
            failures++;
        }
        return;
    }
    if (!found || strcmp(accessor.token, token) != 0 || accessor.needs_cast != needs_cast) {
        fprintf(stderr, "FAIL %s (%s): expected %s%s, got %s%s\n", spelling, canonical, token,
                needs_cast ? " with cast" : "", found ? accessor.token : "nothing",
                found && accessor.needs_cast ? " with cast" : "");
        failures++;
    }
}

static void expect_text(char *actual, const char *expected)
{
    if (!actual || strcmp(actual, expected) != 0) {
        fprintf(stderr, "FAIL expected %s, got %s\n", expected, actual ? actual : "NULL");
        failures++;
    }
    free(actual);
}

int main(void)
{
    /* Declared typedefs: the API's own spelling of each family. */
    expect_token("ULONG", "unsigned long", TYPE_INTEGER, 4, "ULong", false);
    expect_token("LONG", "long", TYPE_INTEGER, 4, "Long", false);
    expect_token("ULONG64", "unsigned long long", TYPE_INTEGER, 8, "ULong64", false);
    expect_token("LONG64", "long long", TYPE_INTEGER, 8, "Long64", false);
    expect_token("ULONGLONG", "unsigned long long", TYPE_INTEGER, 8, "ULonglong", false);
    expect_token("LONGLONG", "long long", TYPE_INTEGER, 8, "Longlong", false);
    expect_token("ULONG_PTR", "unsigned long long", TYPE_INTEGER, 8, "ULongPtr", false);
    expect_token("LONG_PTR", "long long", TYPE_INTEGER, 8, "LongPtr", false);
    expect_token("UINT8", "unsigned char", TYPE_INTEGER, 1, "UInt8", false);
    expect_token("INT8", "signed char", TYPE_INTEGER, 1, "Int8", false);
    expect_token("UINT16", "unsigned short", TYPE_INTEGER, 2, "UInt16", false);
    expect_token("INT16", "short", TYPE_INTEGER, 2, "Int16", false);
    expect_token("UINT32", "unsigned int", TYPE_INTEGER, 4, "UInt32", false);
    expect_token("INT32", "int", TYPE_INTEGER, 4, "Int32", false);
    expect_token("UINT64", "unsigned long long", TYPE_INTEGER, 8, "UInt64", false);
    expect_token("INT64", "long long", TYPE_INTEGER, 8, "Int64", false);
    expect_token("UINT_PTR", "unsigned long long", TYPE_INTEGER, 8, "UIntPtr", false);
    expect_token("INT_PTR", "long long", TYPE_INTEGER, 8, "IntPtr", false);
    expect_token("SIZE_T", "unsigned long long", TYPE_INTEGER, 8, "SizeT", false);
    expect_token("SSIZE_T", "long long", TYPE_INTEGER, 8, "SSizeT", false);
    expect_token("NTSTATUS", "long", TYPE_INTEGER, 4, "NtStatus", false);
    expect_token("HANDLE", "void *", TYPE_POINTER, 8, "Handle", false);
    expect_token("BOOLEAN", "unsigned char", TYPE_INTEGER, 1, "Boolean", false);
    expect_token("UCHAR", "unsigned char", TYPE_INTEGER, 1, "UChar", false);
    expect_token("CHAR", "char", TYPE_INTEGER, 1, "Char", false);
    expect_token("WCHAR", "wchar_t", TYPE_INTEGER, 2, "WChar", false);
    expect_token("USHORT", "unsigned short", TYPE_INTEGER, 2, "UShort", false);
    expect_token("SHORT", "short", TYPE_INTEGER, 2, "Short", false);
    expect_token("LARGE_INTEGER", "union _LARGE_INTEGER", TYPE_RECORD, 8, "LargeInteger", false);
    expect_token("ULARGE_INTEGER", "union _ULARGE_INTEGER", TYPE_RECORD, 8, "ULargeInteger", false);
    expect_token("UNICODE_STRING", "struct _UNICODE_STRING", TYPE_RECORD, 16, "UnicodeString", false);
    /* Qualifiers do not change the family. */
    expect_token("const volatile ULONG", "const volatile unsigned long", TYPE_INTEGER, 4, "ULong", false);
    /* Pointers: PVOID as is, any other pointer through (PVOID *). */
    expect_token("PVOID", "void *", TYPE_POINTER, 8, "Pointer", false);
    expect_token("PCHAR", "char *", TYPE_POINTER, 8, "Pointer", true);
    expect_token("PMY_REQUEST", "struct _MY_REQUEST *", TYPE_POINTER, 8, "Pointer", true);
    /* Records by canonical name through another typedef. */
    expect_token("TIMESTAMP", "union _LARGE_INTEGER", TYPE_RECORD, 8, "LargeInteger", false);
    /* Size and signedness fallback, with a cast when the C type differs. */
    expect_token("MY_LENGTH", "unsigned long", TYPE_INTEGER, 4, "ULong", false);
    expect_token("unsigned int", "unsigned int", TYPE_INTEGER, 4, "ULong", true);
    expect_token("MY_KIND", "enum _MY_KIND", TYPE_INTEGER, 4, "Long", true);
    expect_token("BYTE", "unsigned char", TYPE_INTEGER, 1, "UChar", false);
    expect_token("signed char", "signed char", TYPE_INTEGER, 1, "Char", true);
    expect_token("MY_TICKS", "unsigned long long", TYPE_INTEGER, 8, "ULong64", false);
    expect_token("MY_DELTA", "long long", TYPE_INTEGER, 8, "Long64", false);
    expect_token("_Bool", "_Bool", TYPE_INTEGER, 1, "UChar", true);
    /* No typed accessor: other records, arrays, floating point. */
    expect_token("MY_REQUEST", "struct _MY_REQUEST", TYPE_RECORD, 24, NULL, false);
    expect_token("WCHAR[32]", "wchar_t[32]", TYPE_ARRAY, 64, NULL, false);
    expect_token("double", "double", TYPE_FLOAT, 8, NULL, false);

    /* The text builders. */
    expect_text(accessor_read_text("ULonglong", "&Req->Interval", NULL), "ReadULonglongFromUser(&Req->Interval)");
    expect_text(accessor_read_text("SizeT", "&Req->Size", "Irp->RequestorMode"),
                "ReadSizeTFromMode(&Req->Size, Irp->RequestorMode)");
    expect_text(accessor_write_text("NtStatus", "&Reply->Status", "Status", NULL),
                "WriteNtStatusToUser(&Reply->Status, Status)");
    expect_text(accessor_write_text("Handle", "Out", "Handle", "PreviousMode"),
                "WriteHandleToMode(Out, Handle, PreviousMode)");

    if (failures) {
        fprintf(stderr, "%d failure(s)\n", failures);
        return 1;
    }
    printf("accessor_names: all passed\n");
    return 0;
}
