/* file_settings.c - severity changes from the configuration files:
 * "severity" entries (later ones win), then "warnings_as_errors". */
#include "file_settings.h"

#include <fnmatch.h>
#include <string.h>

static bool glob_matches(const char *glob, size_t length, const char *code, const char *name)
{
    char pattern[256];
    if (length >= sizeof pattern)
        return false;
    memcpy(pattern, glob, length);
    pattern[length] = '\0';
    return fnmatch(pattern, code, 0) == 0 || (name && fnmatch(pattern, name, 0) == 0);
}

bool glob_list_selects(const char *globs, const char *code, const char *name)
{
    bool selected = false;
    for (const char *item = globs; item && *item;) {
        const char *comma = strchr(item, ',');
        const char *end = comma ? comma : item + strlen(item);
        const char *start = item;
        while (start < end && (*start == ' ' || *start == '\t'))
            start++;
        bool negative = start < end && *start == '-';
        if (negative)
            start++;
        while (start < end && (*start == ' ' || *start == '\t'))
            start++;
        const char *stop = end;
        while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t'))
            stop--;
        if (stop > start && glob_matches(start, (size_t)(stop - start), code, name))
            selected = !negative;
        item = comma ? comma + 1 : end;
    }
    return selected;
}

void file_settings_apply_severities(const struct file_settings *settings, struct finding_list *findings)
{
    for (size_t i = 0; i < findings->count; i++) {
        struct finding *finding = &findings->items[i];
        for (size_t s = 0; s < settings->severity_count; s++) {
            const char *rule = settings->severities[s].rule;
            if (fnmatch(rule, finding->code, 0) == 0 || (finding->name && fnmatch(rule, finding->name, 0) == 0))
                finding->severity = settings->severities[s].severity;
        }
        if (finding->severity == SEVERITY_WARNING && settings->warnings_as_errors &&
            glob_list_selects(settings->warnings_as_errors, finding->code, finding->name))
            finding->severity = SEVERITY_ERROR;
    }
}
