/* analyze.h - one file through the pipeline: parse, facts, rules. */
#ifndef UMALINT_ANALYZE_H
#define UMALINT_ANALYZE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "dependencies.h"
#include "file_settings.h"
#include "finding.h"
#include "options.h"
#include "record_names.h"
#include "user_memory.h"

/* A file whose code the analysis read (the main file and headers with
 * function bodies), with a hash of the exact bytes libclang parsed: --fix
 * refuses to edit a file that no longer holds them. */
struct parsed_file {
    char *path;            /* as in findings and fixes */
    unsigned long size;
    uint64_t hash;         /* content_hash of the parsed bytes */
};

struct file_result {
    struct finding_list findings;
    char *error;    /* one-line reason the file could not be analysed, or NULL */
    struct parsed_file *parsed_files;
    size_t parsed_file_count;
    unsigned parse_error_count;   /* libclang errors, whatever --checks enables */
};

/* Parses `path` and counts libclang's errors, without facts or rules: what
 * --fix needs to tell whether a fix broke the file (and safe even where
 * the fact extraction would trip over the broken code). Returns 0, or -1
 * when libclang cannot parse the file at all. */
int count_file_parse_errors(CXIndex index, const char *path, const struct string_list *arguments,
                            unsigned *errors);

/* Frees everything `result` owns (findings, error, parsed files). */
void file_result_free(struct file_result *result);

/* Parses `path` with `arguments` in `index`, extracts the facts, builds the
 * user-memory analysis, runs the enabled rules, applies the inline
 * suppressions (all as `settings` say) and fills `result`. */
void analyze_file(CXIndex index, const char *path, const struct string_list *arguments,
                  const struct file_settings *settings, struct file_result *result);

/* How tool/run.c asks for a parse with a shared precompiled header and for
 * the record the result cache needs. */
struct analysis_extras {
    const char *pch_path;        /* try -include-pch with this first, or NULL */
    /* The header's record typedef names (pch.h): `index` must have been
     * created with excludeDeclarationsFromPCH set when pch_path is given. */
    const struct record_names *pch_record_names;
    struct dependency_list *dependencies;   /* when not NULL: the headers the unit read itself */
    bool used_pch;               /* out: the precompiled header was used */
    /* out: seconds spent in libclang's parse (with any retry), in the fact
     * extraction, and in the analysis and rules, for UMALINT_STATS. */
    double parse_seconds, facts_seconds, rules_seconds;
    bool cacheable;              /* out: no preprocessor error (such as a missing header) */
};

/* analyze_file with `extras` (may be NULL). A parse with the precompiled
 * header that reports any error is redone without it, so the result is
 * the same either way. */
void analyze_file_extra(CXIndex index, const char *path, const struct string_list *arguments,
                        const struct file_settings *settings, struct analysis_extras *extras,
                        struct file_result *result);

#endif
