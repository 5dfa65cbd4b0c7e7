/* fix_plan_test.c - the fix planner and the diff writer on small buffers:
 * overlapping fixes (first wins, the other is named in a note, whatever
 * the order they arrive in), duplicates, insertions, refused files, where
 * the usermode_accessors.h include goes, and the exact unified diff. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool/fix_diff.h"
#include "tool/fix_plan.h"

static int passed, failed;

static void check(const char *name, int condition)
{
    if (condition) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", name);
    }
}

static void check_text(const char *name, const char *got, const char *want)
{
    check(name, strcmp(got, want) == 0);
    if (strcmp(got, want) != 0)
        printf("  got:  [%s]\n  want: [%s]\n", got, want);
}

/* A finding with one edit in a (non-existent, so unresolved) file. */
static struct finding *add_finding(struct finding_list *list, const char *code, const char *file, unsigned offset,
                                   unsigned length, const char *replacement)
{
    struct finding *finding = finding_list_add(list);
    finding->code = code;
    finding->name = "test-rule";
    finding->severity = SEVERITY_WARNING;
    finding->where.file = strdup(file);
    finding->where.line = 1;
    finding->where.column = offset + 1;
    finding->where.offset = offset;
    finding->message = strdup("message");
    finding_add_fix(finding, file, offset, length, replacement);
    return finding;
}

/* Plans every finding of `list` over one file holding `contents`; returns
 * the edited text (malloc'd). */
static char *plan_and_apply(struct finding_list *list, const char *contents, struct fix_plan *plan)
{
    fix_plan_init(plan);
    for (size_t i = 0; i < list->count; i++)
        fix_plan_add(plan, &list->items[i]);
    fix_plan_prepare(plan);
    for (size_t i = 0; i < plan->file_count; i++) {
        plan->files[i].contents = contents;
        plan->files[i].size = strlen(contents);
    }
    fix_plan_resolve(plan, NULL);
    if (plan->file_count == 0)
        return strdup(contents);
    size_t size;
    return fix_plan_apply_edits(&plan->files[0], &size);
}

static const char *const TEXT = "0123456789abcdef\n";

static void test_overlap_first_wins(int reversed)
{
    struct finding_list list = {NULL, 0, 0};
    if (reversed) {
        add_finding(&list, "UM9002", "/nonexistent/a.c", 4, 4, "Y");
        add_finding(&list, "UM9001", "/nonexistent/a.c", 2, 4, "X");
    } else {
        add_finding(&list, "UM9001", "/nonexistent/a.c", 2, 4, "X");
        add_finding(&list, "UM9002", "/nonexistent/a.c", 4, 4, "Y");
    }
    struct fix_plan plan;
    char *result = plan_and_apply(&list, TEXT, &plan);
    const char *name =
        reversed ? "overlap (reversed input): the earlier offset wins" : "overlap: the earlier offset wins";
    check_text(name, result, "01X6789abcdef\n");
    check("overlap: one fix accepted", plan.accepted_count == 1);
    check("overlap: one note", plan.notes.count == 1);
    check("overlap: the note names the dropped finding and the winner",
          plan.notes.count == 1 && strstr(plan.notes.items[0], "the fix for UM9002 (test-rule) was not applied") &&
              strstr(plan.notes.items[0], "overlaps the fix for UM9001"));
    free(result);
    fix_plan_free(&plan);
    finding_list_free(&list);
}

static void test_insertions(void)
{
    struct finding_list list = {NULL, 0, 0};
    add_finding(&list, "UM9001", "/nonexistent/a.c", 2, 3, "R");
    add_finding(&list, "UM9002", "/nonexistent/a.c", 2, 0, "I");
    add_finding(&list, "UM9003", "/nonexistent/a.c", 5, 0, "J");   /* at the end of the replacement */
    struct fix_plan plan;
    char *result = plan_and_apply(&list, TEXT, &plan);
    check_text("insertions at both ends of a replacement are applied, in order", result, "01IRJ56789abcdef\n");
    check("insertions: no note", plan.notes.count == 0);
    free(result);
    fix_plan_free(&plan);
    finding_list_free(&list);

    add_finding(&list, "UM9001", "/nonexistent/a.c", 3, 0, "A");
    add_finding(&list, "UM9002", "/nonexistent/a.c", 3, 0, "B");
    add_finding(&list, "UM9003", "/nonexistent/a.c", 1, 4, "Z");   /* holds offset 3 inside */
    result = plan_and_apply(&list, TEXT, &plan);
    check_text("two insertions at one offset, and one inside a replacement: first wins", result, "0Z56789abcdef\n");
    check("two insertions at one offset: two notes", plan.notes.count == 2);
    free(result);
    fix_plan_free(&plan);
    finding_list_free(&list);
}

static void test_duplicates_and_refusals(void)
{
    struct finding_list list = {NULL, 0, 0};
    /* A header's finding reached from two translation units. */
    add_finding(&list, "UM9001", "/nonexistent/a.c", 0, 1, "Q");
    add_finding(&list, "UM9001", "/nonexistent/a.c", 0, 1, "Q");
    /* Two rules proposing the very same edit. */
    add_finding(&list, "UM9002", "/nonexistent/a.c", 5, 2, "W");
    add_finding(&list, "UM9003", "/nonexistent/a.c", 5, 2, "W");
    add_finding(&list, "UM9004", "/nonexistent/a.c", 15, 9, "OUT");   /* beyond the end */
    struct fix_plan plan;
    char *result = plan_and_apply(&list, TEXT, &plan);
    check_text("duplicates are applied once", result, "Q1234W789abcdef\n");
    check("duplicates: the same fix twice counts once", plan.fix_count == 4);
    check("an out-of-range fix is dropped with a note",
          plan.notes.count == 1 && strstr(plan.notes.items[0], "UM9004") && strstr(plan.notes.items[0], "outside"));
    free(result);
    fix_plan_free(&plan);

    fix_plan_init(&plan);
    for (size_t i = 0; i < list.count; i++)
        fix_plan_add(&plan, &list.items[i]);
    fix_plan_prepare(&plan);
    plan.files[0].refused = true;
    fix_plan_resolve(&plan, NULL);
    check("a refused file gets no edits and no notes",
          plan.files[0].edit_count == 0 && plan.accepted_count == 0 && plan.notes.count == 0);
    fix_plan_free(&plan);
    finding_list_free(&list);
}

static void test_include(void)
{
    const char *source = "// driver\n#include <ntddk.h>\n\nint f(int *p) { return *p; }\n";
    const char *at = strstr(source, "*p;");
    struct finding_list list = {NULL, 0, 0};
    add_finding(&list, "UM9001", "/nonexistent/a.c", (unsigned)(at - source), 2, "ReadLongFromUser(p)");
    struct fix_plan plan;
    char *result = plan_and_apply(&list, source, &plan);
    check_text("the first accessor brings the include, after the last #include", result,
               "// driver\n#include <ntddk.h>\n#include <usermode_accessors.h>\n\nint f(int *p) { return "
               "ReadLongFromUser(p); }\n");
    check("the include is an edit of the fix that needs it",
          plan.files[0].adds_include && plan.files[0].edit_count == 2 && plan.files[0].edits[0].fix == 0);
    free(result);
    fix_plan_free(&plan);

    /* Already included: nothing added. */
    const char *has = "#include <ntddk.h>\n#  include \"usermode_accessors.h\"\nint f(int *p) { return *p; }\n";
    at = strstr(has, "*p;");
    finding_list_free(&list);
    add_finding(&list, "UM9001", "/nonexistent/a.c", (unsigned)(at - has), 2, "ReadLongFromUser(p)");
    result = plan_and_apply(&list, has, &plan);
    check("no second include", !plan.files[0].adds_include && strstr(result, "<usermode_accessors.h>") == NULL);
    free(result);
    fix_plan_free(&plan);
    finding_list_free(&list);

    struct {
        const char *name, *source, *want;
    } cases[] = {
        {"include guard: inside the guard, after its includes",
         "#ifndef H\n#define H\n#include <ntddk.h>\nint x;\n#endif\n",
         "#ifndef H\n#define H\n#include <ntddk.h>\n#include <usermode_accessors.h>\nint x;\n#endif\n"},
        {"guard without includes: before the first code line",
         "/* a header */\n#ifndef H\n#define H\nint x;\n#endif\n",
         "/* a header */\n#ifndef H\n#define H\n#include <usermode_accessors.h>\nint x;\n#endif\n"},
        {"an include inside a closed #ifdef is skipped",
         "#include <ntddk.h>\n#ifdef X\n#include <x.h>\n#endif\nint x;\n",
         "#include <ntddk.h>\n#include <usermode_accessors.h>\n#ifdef X\n#include <x.h>\n#endif\nint x;\n"},
        {"no includes: after the leading comment block",
         "/*\n * #include <not.h> in a comment\n */\nint x;\n",
         "/*\n * #include <not.h> in a comment\n */\n#include <usermode_accessors.h>\nint x;\n"},
        {"CRLF files get a CRLF include", "#include <ntddk.h>\r\nint x;\r\n",
         "#include <ntddk.h>\r\n#include <usermode_accessors.h>\r\nint x;\r\n"},
        {"last line without newline", "#include <ntddk.h>",
         "#include <ntddk.h>\n#include <usermode_accessors.h>\n"},
        {"code on the first line", "int x;\n", "#include <usermode_accessors.h>\nint x;\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *insertion = NULL;
        unsigned position = fix_include_position(cases[i].source, strlen(cases[i].source), &insertion);
        char got[512];
        snprintf(got, sizeof got, "%.*s%s%s", (int)position, cases[i].source, insertion, cases[i].source + position);
        check_text(cases[i].name, got, cases[i].want);
        free(insertion);
    }

    check("accessor call", fix_text_calls_accessor("ReadULongFromUser(&p->Length)"));
    check("accessor call with a space", fix_text_calls_accessor("x = CopyFromUser (a, b, c)"));
    check("struct macro", fix_text_calls_accessor("WriteStructToModeAligned(a, b, Mode, 8)"));
    check("not a call", !fix_text_calls_accessor("FromUserCount + 1"));
    check("no accessor", !fix_text_calls_accessor("sizeof(*Request)"));
}

static char *diff_of(const char *contents, unsigned offset, unsigned length, const char *replacement)
{
    struct finding_list list = {NULL, 0, 0};
    add_finding(&list, "UM9001", "/nonexistent/a.c", offset, length, replacement);
    struct fix_plan plan;
    char *edited = plan_and_apply(&list, contents, &plan);
    char *diff = fix_diff_text("dir/a.c", &plan.files[0]);
    free(edited);
    fix_plan_free(&plan);
    finding_list_free(&list);
    return diff;
}

static void test_diff(void)
{
    const char *source = "1\n2\n3\n4\nold\n6\n7\n8\n9\n";
    char *diff = diff_of(source, (unsigned)(strstr(source, "old") - source), 3, "new");
    check_text("diff: one line with three lines of context", diff,
               "--- a/dir/a.c\n+++ b/dir/a.c\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-old\n+new\n 6\n 7\n 8\n");
    free(diff);

    diff = diff_of("a\nb", 2, 1, "c");
    check_text("diff: a last line without newline", diff,
               "--- a/dir/a.c\n+++ b/dir/a.c\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
               "\\ No newline at end of file\n");
    free(diff);

    diff = diff_of("a\nb\n", 2, 0, "x\n");
    check_text("diff: an inserted line", diff, "--- a/dir/a.c\n+++ b/dir/a.c\n@@ -1,2 +1,3 @@\n a\n+x\n b\n");
    free(diff);

    diff = diff_of("a\nb\n", 0, 1, "a");
    check_text("diff: an edit that changes nothing prints nothing", diff, "");
    free(diff);
}

static void test_empty_plan(void)
{
    struct fix_plan plan;
    fix_plan_init(&plan);
    fix_plan_prepare(&plan);
    fix_plan_resolve(&plan, NULL);
    check("an empty plan has no files and no fixes", plan.file_count == 0 && plan.accepted_count == 0);
    fix_plan_free(&plan);
}

int main(void)
{
    test_empty_plan();
    test_overlap_first_wins(0);
    test_overlap_first_wins(1);
    test_insertions();
    test_duplicates_and_refusals();
    test_include();
    test_diff();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
