/* shell_words_test.c - $UMALINT_OPTS is split like a shell splits words:
 * blanks, single and double quotes, backslashes, and the errors. */
#include <stdio.h>
#include <string.h>

#include "tool/shell_words.h"

static int passed, failed;

static void report(const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        passed++;
        printf("ok   %s\n", what);
    } else {
        failed++;
        printf("FAIL %s: got [%s], want [%s]\n", what, got, want);
    }
}

/* `want`: each word in angle brackets, e.g. "<a><b c>"; or "error: ..." */
static void expect(const char *what, const char *text, const char *want)
{
    struct string_list words = {NULL, 0};
    char error[256] = "";
    char got[1024] = "";
    if (shell_words_split(text, &words, error, sizeof error) != 0) {
        snprintf(got, sizeof got, "error: %s", error);
    } else {
        for (size_t i = 0; i < words.count; i++) {
            strncat(got, "<", sizeof got - strlen(got) - 1);
            strncat(got, words.items[i], sizeof got - strlen(got) - 1);
            strncat(got, ">", sizeof got - strlen(got) - 1);
        }
    }
    string_list_free(&words);
    report(what, got, want);
}

int main(void)
{
    expect("empty", "", "");
    expect("blanks only", " \t\n ", "");
    expect("plain words and runs of blanks", "  --format=gcc \t --fail-on=error\n", "<--format=gcc><--fail-on=error>");
    expect("single quotes keep blanks", "--extra-arg='-DNAME=a b'", "<--extra-arg=-DNAME=a b>");
    expect("single quotes keep backslashes and double quotes", "'a\\b\"c'", "<a\\b\"c>");
    expect("double quotes keep blanks", "\"--exclude=my dir\" x", "<--exclude=my dir><x>");
    expect("backslash escapes in double quotes", "\"a\\\"b\\\\c\\$d\\e\"", "<a\"b\\c$d\\e>");
    expect("no expansion", "$HOME ~ *.c `x`", "<$HOME><~><*.c><`x`>");
    expect("quotes join with plain text", "a'b c'\"d e\"f", "<ab cd ef>");
    expect("an escaped blank", "my\\ dir other", "<my dir><other>");
    expect("an escaped newline joins", "a\\\nb", "<ab>");
    expect("an escaped newline alone is no word", "a \\\n b", "<a><b>");
    expect("empty quotes are an empty word", "'' \"\"", "<><>");
    expect("unterminated single quote", "a 'b c", "error: unterminated single quote at character 3");
    expect("unterminated double quote", "\"abc", "error: unterminated double quote at character 1");
    expect("trailing backslash", "abc\\", "error: a backslash at the end escapes nothing");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
