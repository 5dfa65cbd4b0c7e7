/* checks.c - ordered glob selection of rules, as clang-tidy's --checks. */
#include "checks.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/registry.h"
#include "strbuf.h"

static char *trim(char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    char *end = text + strlen(text);
    while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    return text;
}

/* Applies the ordered glob list to selected[]; `option` names the flag in
 * the error when a glob matches no check. */
static int apply_globs(const char *option, const char *globs, bool *selected, char *error, size_t error_size)
{
    char *copy = xstrdup(globs);
    int status = 0;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *glob = trim(item);
        if (!*glob)
            continue;
        bool enable = true;
        if (*glob == '-') {
            enable = false;
            glob = trim(glob + 1);
        }
        bool matched = false;
        for (size_t i = 0; i < rule_registry_count; i++) {
            if (fnmatch(glob, rule_registry[i].code, 0) == 0 || fnmatch(glob, rule_registry[i].name, 0) == 0) {
                selected[i] = enable;
                matched = true;
            }
        }
        if (!matched) {
            snprintf(error, error_size, "%s: '%s' matches no check (see umalint --list-checks)", option, glob);
            status = -1;
            break;
        }
    }
    free(copy);
    return status;
}

int select_checks(const char *globs, bool *enabled, char *error, size_t error_size)
{
    for (size_t i = 0; i < rule_registry_count; i++)
        enabled[i] = true;
    if (!globs)
        return 0;
    if (apply_globs("--checks", globs, enabled, error, error_size) != 0)
        return -1;
    for (size_t i = 0; i < rule_registry_count; i++)
        if (enabled[i])
            return 0;
    snprintf(error, error_size, "--checks: no check is enabled by '%s'", globs);
    return -1;
}

int check_globs_known(const char *option, const char *globs, char *error, size_t error_size)
{
    if (!globs)
        return 0;
    bool *scratch = xcalloc(rule_registry_count + 1, sizeof *scratch);
    int status = apply_globs(option, globs, scratch, error, error_size);
    free(scratch);
    return status;
}
