/* fix_plan.h - which fixes to apply, decided before any file is touched.
 *
 * Findings (from every translation unit, so a header's fix may arrive more
 * than once) go in; out come, per file, a sorted list of non-overlapping
 * byte edits against the bytes that were parsed. The rules:
 *   - the same fix reached twice (a header in two translation units) counts once;
 *   - fixes are ordered by file, then offset; when two overlap the first wins
 *     and the other is dropped with a note naming its finding;
 *   - a fix touching a file the caller refused (out of tree, changed since
 *     it was parsed, unreadable) is dropped whole: a fix is all or nothing;
 *   - a fix that brings the first user-mode accessor call into a file without
 *     `#include <usermode_accessors.h>` gets that include inserted after the
 *     file's last top-level #include line.
 * Nothing here reads or writes files: the caller loads each file's bytes
 * (fix_plan_files) and decides what to do with the result. */
#ifndef UMALINT_FIX_PLAN_H
#define UMALINT_FIX_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "options.h"

struct plan_edit {
    unsigned offset, length;
    char *replacement;
    size_t fix;               /* index into plan->fixes of the fix it belongs to */
};

struct plan_file {
    char *path;               /* as the findings spell it (first seen) */
    char *real_path;          /* symlinks resolved: the file to read and write */
    /* Set by the caller before fix_plan_resolve: the file's bytes (borrowed),
     * or refused = true with the reason already reported. */
    const char *contents;
    size_t size;
    bool refused;
    /* Filled by fix_plan_resolve. */
    struct plan_edit *edits;  /* sorted by offset; insertions before a replacement at the same offset */
    size_t edit_count;
    size_t fix_count;         /* accepted fixes with an edit in this file */
    bool adds_include;        /* one of the edits is the usermode_accessors.h include */
};

/* One edit of a fix, with its file resolved. */
struct plan_fix_edit {
    size_t file;              /* index into plan->files */
    const struct fix_edit *edit;     /* borrowed from the finding */
};

struct plan_fix {
    const struct finding *finding;   /* borrowed */
    struct plan_fix_edit *edits;     /* sorted by file and offset */
    size_t edit_count;
    bool accepted;
};

struct fix_plan {
    struct plan_file *files;
    size_t file_count;
    struct plan_fix *fixes;
    size_t fix_count;
    size_t accepted_count;
    struct string_list notes;        /* "umalint: note: ..." lines for dropped fixes */
};

void fix_plan_init(struct fix_plan *plan);
void fix_plan_free(struct fix_plan *plan);

/* Offers a finding's fix (ignored when it has none). The finding must
 * outlive the plan. */
void fix_plan_add(struct fix_plan *plan, const struct finding *finding);

/* Orders and de-duplicates the fixes and lists the files they touch
 * (plan->files), for the caller to load or refuse. */
void fix_plan_prepare(struct fix_plan *plan);

/* Decides the edits (see the header comment). `transform_replacement`, when
 * not NULL, rewrites each replacement text (a test hook); it returns a
 * malloc'd string. */
void fix_plan_resolve(struct fix_plan *plan, char *(*transform_replacement)(const char *replacement));

/* The file's bytes with its edits applied (malloc'd; *size set). */
char *fix_plan_apply_edits(const struct plan_file *file, size_t *size);

/* True when `text` calls a usermode_accessors.h function (an identifier
 * with FromUser, ToUser, FromMode, ToMode or UserMemory in its name,
 * followed by '('). */
bool fix_text_calls_accessor(const char *text);

/* Where to insert the include in `contents`: after the last #include line
 * of the leading block of comments and preprocessor lines, at the nesting
 * depth that block ends with (inside a header's include guard). Fills the
 * text to insert (malloc'd, matching the file's line endings). */
unsigned fix_include_position(const char *contents, size_t size, char **insertion);

/* True when `contents` already includes usermode_accessors.h. */
bool fix_has_accessor_include(const char *contents, size_t size);

#endif
