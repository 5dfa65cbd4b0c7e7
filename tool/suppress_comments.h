/* suppress_comments.h - reading suppression directives out of C/C++ source
 * text: "// umalint-disable-line UM1003 -- reason", umalint-disable-next-line,
 * umalint-disable X ... umalint-enable X and umalint-disable-file X (block
 * or line comments), and clang-tidy's NOLINT(X), NOLINTNEXTLINE(X),
 * NOLINTBEGIN(X) / NOLINTEND(X).
 *
 * A pure function of a buffer: it knows nothing of rules (tool/suppress.c
 * decides what an ID means), never fails and never reads past `length`, so
 * it can be fuzzed (tool/fuzz/). Comments are found with a small C lexer
 * that skips string, character and raw string literals, so a directive
 * spelled inside a string is not one. */
#ifndef UMALINT_SUPPRESS_COMMENTS_H
#define UMALINT_SUPPRESS_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>

enum suppression_kind {
    SUPPRESS_LINE,        /* umalint-disable-line, NOLINT(...): the comment's own line */
    SUPPRESS_NEXT_LINE,   /* umalint-disable-next-line, NOLINTNEXTLINE(...): the line after the comment */
    SUPPRESS_BEGIN,       /* umalint-disable, NOLINTBEGIN(...): until the matching enable */
    SUPPRESS_END,         /* umalint-enable, NOLINTEND(...) */
    SUPPRESS_FILE,        /* umalint-disable-file: the whole file */
    SUPPRESS_UNKNOWN,     /* "umalint-disable..."/"umalint-enable..." that is none of the above */
};

/* One rule ID as written ("UM1003", "double-fetch", "UM10*"). */
struct suppression_id {
    char *text;
    unsigned offset, length;   /* bytes in the buffer */
};

struct suppression_directive {
    enum suppression_kind kind;
    bool is_nolint;              /* spelled NOLINT... (clang-tidy's form) */
    char *keyword;               /* as written: "umalint-disable-line", "NOLINTNEXTLINE" */
    unsigned line, end_line;     /* 1-based lines where the comment starts and ends */
    unsigned column;             /* 1-based byte column of the keyword */
    /* The comment with its delimiters, the directive (keyword through its
     * ID list or closing parenthesis) and the ID list, as byte ranges. */
    unsigned comment_offset, comment_length;
    unsigned directive_offset, directive_length;
    unsigned list_offset, list_length;
    struct suppression_id *ids;
    size_t id_count;
    char *reason;                /* text after "--" (or after NOLINT(...)), white space collapsed; NULL if none */
};

struct suppression_list {
    struct suppression_directive *items;
    size_t count;
};

/* Appends every directive of `text` (which need not be NUL-terminated and
 * may contain NUL bytes) to `out`, in source order. */
void suppressions_parse(const char *text, size_t length, struct suppression_list *out);
void suppression_list_free(struct suppression_list *list);

#endif
