/* include_prefix_test.c - the leading lines a shared precompiled header may
 * hold: angle includes and one-line #defines (kept verbatim), through
 * comments, blank lines and CRLF line ends; and where the prefix stops. */
#include <stdio.h>
#include <string.h>

#include "tool/include_prefix.h"

static int passed, failed;

/* `want`: the expected lines joined with '|'. */
static void expect(const char *what, const char *text, const char *want)
{
    struct string_list lines = {NULL, 0};
    include_prefix(text, strlen(text), &lines);
    char got[1024] = "";
    for (size_t i = 0; i < lines.count; i++) {
        if (i)
            strncat(got, "|", sizeof got - strlen(got) - 1);
        strncat(got, lines.items[i], sizeof got - strlen(got) - 1);
    }
    string_list_free(&lines);
    if (strcmp(got, want) == 0) {
        passed++;
        printf("ok   %s\n", what);
    } else {
        failed++;
        printf("FAIL %s: got '%s', want '%s'\n", what, got, want);
    }
}

int main(void)
{
    expect("includes", "#include <ntddk.h>\n#include <wdf.h>\nint x;\n", "#include <ntddk.h>|#include <wdf.h>");
    expect("a define before the includes, verbatim",
           "#define NTSTRSAFE_LIB\n#define LEVEL  (2 + 1)\n#include <ntddk.h>\n",
           "#define NTSTRSAFE_LIB|#define LEVEL  (2 + 1)|#include <ntddk.h>");
    expect("a function-like define", "#define MIN(a, b) ((a) < (b) ? (a) : (b))\n#include <ntddk.h>\n",
           "#define MIN(a, b) ((a) < (b) ? (a) : (b))|#include <ntddk.h>");
    expect("CRLF line ends and trailing blanks", "#define A 1  \r\n#include <ntddk.h>\r\n",
           "#define A 1|#include <ntddk.h>");
    expect("spaces after '#', comments and blank lines between",
           "/* header */\n\n# define A 1\n// note\n#  include <ntddk.h>  // why\n", "#define A 1|#include <ntddk.h>");
    expect("a define with a comment ends the prefix", "#include <a.h>\n#define A 1 /* one */\n#include <b.h>\n",
           "#include <a.h>");
    expect("a define with a line comment ends the prefix", "#define A 1 // one\n#include <b.h>\n", "");
    expect("a continued define ends the prefix", "#include <a.h>\n#define A \\\n  1\n#include <b.h>\n",
           "#include <a.h>");
    expect("#undef ends the prefix", "#include <a.h>\n#undef A\n#include <b.h>\n", "#include <a.h>");
    expect("#if ends the prefix", "#include <a.h>\n#if 1\n#include <b.h>\n#endif\n", "#include <a.h>");
    expect("a quoted include ends the prefix", "#include <a.h>\n#include \"local.h\"\n#include <b.h>\n",
           "#include <a.h>");
    expect("#defined is not #define", "#defined A\n#include <a.h>\n", "");
    expect("#define without a name", "#define\n#include <a.h>\n", "");
    expect("#define(", "#define(A) 1\n#include <a.h>\n", "");
    expect("a name starting with a digit", "#define 1A 2\n", "");
    expect("a lone CR inside a define ends the prefix", "#define A 1\rB\n#include <a.h>\n", "");
    expect("code ends the prefix", "int x;\n#include <a.h>\n", "");
    expect("a UTF-8 byte order mark is skipped", "\xEF\xBB\xBF#include <a.h>\n", "#include <a.h>");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
