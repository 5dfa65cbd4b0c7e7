/* pch.h - shared-header reuse: one precompiled header for the leading
 * `#include <...>` lines that most files parsed with the same arguments
 * share (tool/include_prefix.h), built once and reused by every such file
 * with `-include-pch`; the file's own includes of those headers are then
 * skipped by their include guards, so its text, lines and offsets are
 * unchanged.
 *
 * A header is used only when it is safe: built without errors, every
 * included header guarded (#ifndef or #pragma once), the same arguments,
 * and a trial parse accepts it. Anything else falls back silently to
 * parsing without it; analyze_file also retries without it when a parse
 * with it reports an error. Precompiled headers live in the cache
 * directory (DIR/pch), keyed by arguments and include lines and recorded
 * with the content hash of every header they hold, so a changed header
 * rebuilds them; without a cache directory they live in a private
 * temporary directory for the run. */
#ifndef UMALINT_PCH_H
#define UMALINT_PCH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dependencies.h"
#include "file_digest.h"
#include "options.h"
#include "record_names.h"

struct pch {
    char *path;                          /* for -include-pch */
    size_t line_count;                   /* include lines it holds */
    struct dependency_list dependencies; /* every header in it, for the result cache */
    /* The record typedef names it declares, collected once: a unit parsed
     * with it does not list its declarations (see facts_extract.h). */
    struct record_names record_names;
    struct arena record_name_strings;
};

struct pch_request {
    const struct string_list *arguments; /* compile arguments of the file */
    bool cplusplus;
    const struct string_list *prefix;    /* its leading include lines */
    const struct pch *assigned;          /* set by pch_store_assign, or NULL */
};

struct pch_store;

/* `cache_directory` NULL: a private temporary directory, removed by destroy. */
struct pch_store *pch_store_create(const char *cache_directory, struct file_digests *digests);
void pch_store_destroy(struct pch_store *store);

/* Groups the requests by arguments and language, picks for each group the
 * include prefix shared by at least half of its files, and assigns a
 * valid precompiled header (reused, or built when two or more files will
 * use it) to each request whose prefix starts with it; then does the same
 * for the files of the group left without one. The headers to build are
 * built on up to `threads` threads at once. */
void pch_store_assign(struct pch_store *store, struct pch_request *requests, size_t count, unsigned threads);

/* How many headers the assignments built, and how many they found on disk
 * (0 and 0 for a NULL store). */
void pch_store_counts(const struct pch_store *store, size_t *built, size_t *reused);

#endif
