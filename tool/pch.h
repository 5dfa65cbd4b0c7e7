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
#include <stdint.h>

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
    const struct string_list *arguments; /* compile arguments of the file (kept until the plan is freed) */
    bool cplusplus;
    const struct string_list *prefix;    /* its leading include lines (likewise) */
    /* Set by pch_store_plan: a header found on disk, or the job of the
     * plan that builds its header (SIZE_MAX for none); see pch_plan_header. */
    const struct pch *assigned;
    size_t job;
};

struct pch_store;
struct pch_plan;

/* `cache_directory` NULL: a private temporary directory, removed by destroy. */
struct pch_store *pch_store_create(const char *cache_directory, struct file_digests *digests);
void pch_store_destroy(struct pch_store *store);

/* Groups the requests by arguments and language, picks for each group the
 * include prefix shared by at least half of its files, and gives each
 * request whose prefix starts with it a header: one already on disk, or a
 * job of the returned plan when two or more files will use it; then does
 * the same for the files of the group left without one. Building is left
 * to the threads that parse, so that they start parsing as soon as the
 * first headers are there. */
struct pch_plan *pch_store_plan(struct pch_store *store, struct pch_request *requests, size_t count);

/* Builds one header of the plan no thread has claimed yet; false when
 * every one is claimed. Safe from several threads. */
bool pch_plan_build_one(struct pch_plan *plan);

/* The header for a request of the plan (NULL: parse without one); waits
 * while another thread builds it. Every job must have been claimed by a
 * thread that finishes it (call pch_plan_build_one until it returns false
 * before the first pch_plan_header). `plan` may be NULL: then the request's
 * own assignment. */
const struct pch *pch_plan_header(struct pch_plan *plan, const struct pch_request *request);

/* Frees the plan (not the headers: the store owns them) and returns the
 * seconds spent building, summed over threads. */
double pch_plan_free(struct pch_plan *plan);

/* How many headers the assignments built, and how many they found on disk
 * (0 and 0 for a NULL store). */
void pch_store_counts(const struct pch_store *store, size_t *built, size_t *reused);

#endif
