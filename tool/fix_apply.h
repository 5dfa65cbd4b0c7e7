/* fix_apply.h - --fix, --diff and --export-fixes, run after the analysis.
 *
 * Never lose data:
 *   - only files under the current directory or under a path named on the
 *     command line are edited; never the bundled shim headers;
 *   - a file is edited only if it still holds the bytes libclang parsed
 *     (content hash), checked when loading and again right before the
 *     rename; a read-only file (no owner write bit) is refused, even for root;
 *   - a file is replaced through a temporary file in its directory, fsync'd
 *     and renamed over it, keeping its mode;
 *   - after writing, every translation unit that read a changed file is
 *     analysed again; if a unit has more parse errors than before, the
 *     files it read that were changed get their original bytes back and
 *     the rollback is reported.
 * The re-analysis replaces those units' results, so the report shows what
 * remains after fixing; and since a fix can reveal another, --fix repeats
 * such passes until one changes nothing (a second run has nothing to do).
 * --diff and --export-fixes describe one pass and write no source file. */
#ifndef UMALINT_FIX_APPLY_H
#define UMALINT_FIX_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "analyze.h"
#include "compile_flags.h"
#include "discover.h"
#include "options.h"

struct fix_request {
    bool write;                  /* --fix without --diff */
    bool diff;                   /* --diff: print a unified diff on stdout */
    bool unsafe;                 /* --unsafe-fixes: unsafe fixes too */
    const char *export_path;     /* --export-fixes FILE, or NULL */
    const struct string_list *roots;   /* the paths named on the command line */
    const char *shim_directory;  /* the bundled headers: never edited */
    /* What re-analysing a unit needs (the same as the first analysis). */
    const struct discovery *discovery;
    struct compile_flags *flags;
    const struct file_settings *const *settings;   /* per discovery->files[i] */
    unsigned jobs;
};

struct fix_outcome {
    size_t fixes;     /* applied (or, with --diff, that would be) */
    size_t files;     /* changed (or that would be) */
    size_t errors;    /* one-line errors printed on stderr */
};

/* results[i] belongs to request->discovery->files[i]; units analysed again
 * after writing get their results replaced. */
void fix_apply(const struct fix_request *request, struct file_result *results, struct fix_outcome *outcome);

#endif
