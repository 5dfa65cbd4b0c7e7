/* options.h - the command line, parsed into plain data. No decisions about
 * exit codes here: parse_options reports problems and main decides. */
#ifndef UMALINT_OPTIONS_H
#define UMALINT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"

enum output_format { FORMAT_TEXT, FORMAT_GCC, FORMAT_MSVC, FORMAT_JSON, FORMAT_JSONL, FORMAT_SARIF, FORMAT_GITHUB };
enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct string_list {
    char **items;
    size_t count;
};

void string_list_add(struct string_list *list, const char *text);
void string_list_free(struct string_list *list);

/* A parameter declared to carry a user pointer: --user-param=Function:index */
struct user_param {
    char *function;
    unsigned index;   /* 0-based */
};

/* --report FORMAT:PATH: a report written to a file besides the main output. */
struct report_target {
    enum output_format format;
    char *path;                         /* "-" is stdout */
};

struct options {
    struct string_list paths;
    struct string_list excludes;        /* --exclude GLOB */
    struct string_list compiler_args;   /* -I, -D, --extra-arg, in order */
    char *compile_database_dir;         /* -p DIR */
    unsigned jobs;                      /* -j N; 0 = online CPUs */
    enum output_format format;
    char *output_path;                  /* -o FILE */
    char *checks;                       /* --checks=GLOBS */
    enum color_mode color;
    bool quiet;
    bool list_checks;
    bool show_version;
    bool show_help;
    char *explain;                      /* --explain CODE */
    struct user_param *user_params;
    size_t user_param_count;
    /* Fixes (tool/fix_apply.h): --fix, --unsafe-fixes, --diff, --export-fixes FILE */
    bool fix;
    bool unsafe_fixes;
    bool diff;
    char *export_fixes;
    /* Suppressions, configuration and baseline (README: Suppressions, ...). */
    bool no_inline_suppressions;        /* --no-inline-suppressions: audit mode */
    char *config_path;                  /* --config FILE: this .umalint.json for every file */
    bool no_config;                     /* --no-config: no .umalint.json at all */
    bool dump_config;                   /* --dump-config: print the effective configuration */
    char *baseline_path;                /* --baseline FILE: accepted findings */
    char *write_baseline_path;          /* --write-baseline FILE */
    bool prune_baseline;                /* --prune-baseline: drop stale entries from --baseline */
    /* Performance (tool/cache.h, tool/pch.h). */
    char *cache_dir;                    /* --cache-dir DIR; NULL: the default */
    bool no_cache;                      /* --no-cache */
    bool no_pch;                        /* --no-pch */
    struct report_target *reports;      /* --report FORMAT:PATH, repeatable */
    size_t report_count;
    bool statistics;                    /* --statistics: per-rule table on stderr */
    bool exit_zero;                     /* --exit-zero: findings never fail the run */
    enum severity fail_on;              /* --fail-on: lowest severity that fails (warning) */
    long max_warnings;                  /* --max-warnings N; -1: no limit */
    char *warnings_as_errors;           /* --warnings-as-errors=GLOBS */
};

/* Parses argv, after the words of $UMALINT_OPTS (split on white space, put
 * before the command-line arguments so these win); $UMALINT_FORMAT is the
 * default for --format. Returns 0 on success, or -1 with a one-line reason
 * in error. */
int parse_options(int argc, char **argv, struct options *options, char *error, size_t error_size);
void free_options(struct options *options);
/* "sarif" -> FORMAT_SARIF. Returns -1 for an unknown name. */
int parse_output_format(const char *name, enum output_format *format);
/* The accepted format names, for messages: "text, gcc, ..., github". */
extern const char output_format_names[];
/* The --help text. */
extern const char usage_text[];

#endif
