/* cache.h - the result cache: what analyze_file returned for a translation
 * unit, stored under a key of everything that decides it.
 *
 * Key (128-bit hash): umalint's version and a hash of its own executable
 * (a rebuilt rule never reads an older build's results), libclang's
 * version, the working directory and include-path environment variables,
 * the file's settings (struct file_settings: enabled checks, declared user
 * pointers and origin fields, inline suppressions on or off, severity
 * changes, warnings_as_errors, extra arguments: everything besides the
 * file that analyze_file receives), the compile arguments, the path as
 * shown and the main file's content. The entry also lists every file the
 * unit included with its content hash; a lookup re-hashes them (once per
 * run, tool/file_digest.h) and is a hit only when all are unchanged.
 *
 * Entries are written to a temporary file and renamed into place, so two
 * concurrent runs never see a partial entry; an unreadable, truncated or
 * foreign entry is a miss and is rewritten. Results of units with a fatal
 * error (a missing header) are not stored: creating the header must be
 * seen. Inline suppressions are part of the analysis (their comments are
 * in the hashed sources); baselines and --fix work on results after this
 * stage. */
#ifndef UMALINT_CACHE_H
#define UMALINT_CACHE_H

#include <stdbool.h>

#include "analyze.h"
#include "dependencies.h"
#include "file_digest.h"
#include "file_settings.h"
#include "hash128.h"

struct result_cache;

/* The default directory: $XDG_CACHE_HOME/umalint/results, else
 * ~/.cache/umalint/results (malloc'd). */
char *result_cache_default_directory(void);

/* Opens (creating lazily) the cache in `directory`; `digests` is shared
 * with the caller. */
struct result_cache *result_cache_open(const char *directory, struct file_digests *digests);
void result_cache_close(struct result_cache *cache);

/* The key of `path` (shown as given) analysed with `settings` and parsed
 * with `arguments`, whose main file holds `contents`. */
struct hash128 result_cache_key(const struct result_cache *cache, const struct file_settings *settings,
                                const char *path, const struct string_list *arguments, const char *contents,
                                size_t size);

/* Fills `result` and returns true on a hit. Thread-safe. */
bool result_cache_lookup(struct result_cache *cache, struct hash128 key, struct file_result *result);

/* Stores `result` (an analysis without error) with the files it depended on.
 * Failures to write are reported once on stderr and otherwise ignored. Thread-safe. */
void result_cache_store(struct result_cache *cache, struct hash128 key, const struct dependency_list *dependencies,
                        const struct file_result *result);

#endif
