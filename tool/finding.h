/* finding.h - the diagnostics model: what rules produce and writers print.
 *
 * A finding owns all its memory (malloc'd), so it outlives the translation
 * unit and the facts it came from. Lines are 1-based, columns are 1-based
 * byte columns, ends are exclusive (the column after the range). */
#ifndef UMALINT_FINDING_H
#define UMALINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

enum severity { SEVERITY_NOTE = 0, SEVERITY_WARNING = 1, SEVERITY_ERROR = 2 };

const char *severity_name(enum severity severity);

struct source_span {
    char *file;          /* path as shown to the user */
    unsigned line, column;
    unsigned end_line, end_column;
    unsigned offset, length;   /* byte range in the file, for fixes and hashes */
    char *line_text;     /* the text of `line` without its newline, or NULL */
};

struct finding_note {
    struct source_span where;
    char *message;
};

/* A byte-range replacement; an insertion has length 0. */
struct fix_edit {
    char *file;
    unsigned offset, length;
    char *replacement;
};

struct finding {
    const char *code;        /* "UM2003"; static storage (the rule registry) */
    const char *name;        /* "struct-sized-copy"; static storage */
    enum severity severity;
    struct source_span where;
    char *message;
    struct finding_note *notes;
    size_t note_count;
    struct fix_edit *fixes;
    size_t fix_count;
    bool fix_is_safe;        /* false: applied only with --unsafe-fixes */
    /* Hidden by an inline suppression (tool/suppress.h): kept so SARIF can
     * show it as suppressed; the other writers skip it and it never fails
     * the run. The reason is the text after "--", or NULL. */
    bool suppressed;
    char *suppression_reason;
    /* Where it is by content, not line (tool/fingerprint.h): the baseline's
     * key, and a SARIF partial fingerprint ("umalint/v1"). */
    char *fingerprint;
};

struct finding_list {
    struct finding *items;
    size_t count;
    size_t capacity;
};

/* Appends a zeroed finding and returns it for the caller to fill. */
struct finding *finding_list_add(struct finding_list *list);
void finding_add_note(struct finding *finding, const struct source_span *where, const char *message);
void finding_add_fix(struct finding *finding, const char *file, unsigned offset, unsigned length,
                     const char *replacement);
/* Moves every finding of `from` to the end of `to`; `from` ends up empty. */
void finding_list_move(struct finding_list *to, struct finding_list *from);
/* Sorts by path, line, column, rule, message and drops exact duplicates
 * (the same header finding reached through several translation units). */
void finding_list_sort_unique(struct finding_list *list);
/* Frees the findings with dropped[i] set and closes the gaps (order kept). */
void finding_list_drop(struct finding_list *list, const bool *dropped);
/* The report order (path, line, column, code, message): <0, 0 or >0. */
int finding_compare(const struct finding *a, const struct finding *b);
/* Moves the findings `which` marks from `from` to the end of `to`, in order. */
void finding_list_take(struct finding_list *from, const bool *which, struct finding_list *to);
void finding_list_free(struct finding_list *list);

void source_span_copy(struct source_span *to, const struct source_span *from);
void source_span_free(struct source_span *span);

#endif
