/* utf16_columns_test.c - byte columns to UTF-16 columns: ASCII, two-, three-
 * and four-byte sequences, invalid bytes, columns past the end of the line. */
#include <stdio.h>

#include "tool/utf16_columns.h"

static int failures;

static void expect(const char *what, unsigned got, unsigned want)
{
    if (got != want) {
        printf("FAIL %s: got %u, want %u\n", what, got, want);
        failures++;
    } else {
        printf("ok   %s\n", what);
    }
}

int main(void)
{
    expect("NULL text keeps the byte column", utf16_column(NULL, 7), 7);
    expect("column 1", utf16_column("abc", 1), 1);
    expect("ASCII", utf16_column("\tint x;", 6), 6);
    expect("two-byte e-acute is one unit", utf16_column("\xC3\xA9x", 3), 2);
    expect("three-byte euro sign is one unit", utf16_column("\xE2\x82\xAC=", 4), 2);
    expect("four-byte emoji is a surrogate pair", utf16_column("\xF0\x9F\x98\x80;", 5), 3);
    expect("mixed", utf16_column("/*\xC3\xA9\xF0\x9F\x98\x80*/  f()", 13), 10);
    expect("a stray continuation byte is one unit", utf16_column("\x80x", 2), 2);
    expect("Latin-1 e-acute (invalid UTF-8) is one unit", utf16_column("caf\xE9 x", 6), 6);
    expect("a cut sequence at the end is one unit per byte", utf16_column("a\xE2\x82", 4), 4);
    expect("a column past the end counts the missing bytes", utf16_column("\xC3\xA9", 5), 4);
    printf("%d passed, %d failed\n", 11 - failures, failures);
    return failures != 0;
}
