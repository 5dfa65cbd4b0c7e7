/* config.h - one .umalint.json configuration file as plain data, and how
 * a nearer file is layered onto the one above it ("inherit": true).
 *
 * The file is JSON with line (//) and block comments:
 *
 *   {
 *     "inherit": true,                        // layer onto the next file up
 *     "checks": "-*,UM1*,UM2003",             // as --checks (the CLI's apply after)
 *     "exclude": ["third_party", "*_autogen.c"],  // globs, relative to this file's directory
 *     "extra_args": ["-DDBG=1", "-Iinc"],     // compiler arguments
 *     "severity": {"UM2005": "warning", "direct-user-read": "error"},
 *     "warnings_as_errors": "UM1*",           // globs: these warnings become errors
 *     "user_params": {"NtFooControl": [1, 3]},   // 0-based, as --user-param
 *     "origin_fields": ["UserAddress"]        // fields whose values are user pointers
 *   }
 *
 * config_parse is a pure function of a buffer (no files, no rule registry),
 * so it can be fuzzed; checking globs against the known rules is the
 * caller's job (tool/config_files.c). */
#ifndef UMALINT_CONFIG_H
#define UMALINT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "options.h"

/* "severity": {"UM2005": "warning"}: a code, name or glob and its level. */
struct config_severity {
    char *rule;
    enum severity severity;
    unsigned line;              /* where it is written, for messages */
};

struct config {
    bool inherit;
    char *checks;               /* glob list, or NULL */
    unsigned checks_line;
    char *warnings_as_errors;   /* glob list, or NULL */
    unsigned warnings_as_errors_line;
    struct string_list exclude;
    struct string_list extra_args;
    struct config_severity *severities;
    size_t severity_count;
    struct user_param *user_params;   /* flattened: one entry per function and index */
    size_t user_param_count;
    struct string_list origin_fields;
};

/* Parses `text` (not necessarily NUL-terminated). Returns 0, or -1 with the
 * 1-based line of the problem in *error_line and a one-line reason in
 * `error`; `out` is then empty. */
int config_parse(const char *text, size_t length, struct config *out, unsigned *error_line, char *error,
                 size_t error_size);
void config_free(struct config *config);

/* Layers `over` (the nearer file) onto `into`: glob lists are joined with
 * a comma (later globs win), lists are appended, a severity written in
 * both takes `over`'s level. `over` is left unchanged. */
void config_layer(struct config *into, const struct config *over);

#endif
