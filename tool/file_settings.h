/* file_settings.h - what governs the analysis of one file besides its
 * compile database entry: which checks run, the declared user pointers,
 * extra compiler arguments, severity changes, and whether inline
 * suppressions count. Files under different configuration files
 * (tool/config_files.h) get different settings; files that share one share
 * the struct. */
#ifndef UMALINT_FILE_SETTINGS_H
#define UMALINT_FILE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "finding.h"
#include "options.h"
#include "user_memory.h"

struct file_settings {
    const bool *enabled;                    /* per rule registry entry */
    struct user_memory_config user_memory;  /* --user-param, user_params, origin_fields */
    bool inline_suppressions;               /* false under --no-inline-suppressions */
    const struct string_list *extra_args;   /* configuration files' extra_args, or NULL */
    const struct config_severity *severities;   /* "severity": later entries win */
    size_t severity_count;
    const char *warnings_as_errors;         /* configuration files' glob list, or NULL */
};

/* Applies the severity changes and warnings_as_errors to the findings of
 * one file (after the rules and the suppressions). */
void file_settings_apply_severities(const struct file_settings *settings, struct finding_list *findings);

/* Ordered glob list as --checks reads it ("UM1*,-UM1003"): whether the
 * last glob matching the code or the name is a positive one. */
bool glob_list_selects(const char *globs, const char *code, const char *name);

#endif
