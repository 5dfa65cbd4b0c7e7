/* run.h - analyse many files with a pool of worker threads, each with its
 * own CXIndex; the largest files go first so the pool ends together.
 * With reuse, results come from the result cache when it has them
 * (tool/cache.h) and the rest are parsed sharing a precompiled header of
 * their common leading includes where possible (tool/pch.h). */
#ifndef UMALINT_RUN_H
#define UMALINT_RUN_H

#include <stdbool.h>

#include "analyze.h"
#include "compile_flags.h"
#include "discover.h"
#include "file_settings.h"

/* What may be reused across files and runs. */
struct run_reuse {
    const char *cache_directory;   /* result cache and precompiled headers; NULL: nothing kept */
    bool use_pch;                  /* share a precompiled header of common leading includes */
    bool show_progress;            /* a progress line on stderr while parsing (tool/progress.h) */
};

/* Analyses every discovered file with its settings (settings[i] for
 * discovery->files[i]); results[i] belongs to discovery->files[i].
 * Every file is parsed on its own: no cache, no shared header. */
void run_analysis(const struct discovery *discovery, struct compile_flags *flags,
                  const struct file_settings *const *settings, unsigned jobs, struct file_result *results);

/* run_analysis with `reuse` (NULL: none). With UMALINT_STATS=1 in the
 * environment, prints on stderr how many files came from the cache, how
 * many were parsed (with a precompiled header) and what each worker did. */
void run_analysis_reusing(const struct discovery *discovery, struct compile_flags *flags,
                          const struct file_settings *const *settings, unsigned jobs,
                          const struct run_reuse *reuse, struct file_result *results);

#endif
