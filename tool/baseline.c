/* baseline.c - reading and writing the baseline file (baseline.h). */
#include "baseline.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printable.h"
#include "strbuf.h"

enum { MAX_COUNT = 1000000000 };

/* The offset where element `index` of the array that follows `"key":`
 * begins, so a bad entry can be reported at its line. cJSON keeps no
 * positions; this walks the text, minding strings and nesting. */
static size_t element_offset(const char *text, size_t length, const char *key, size_t index)
{
    char *quoted = xasprintf("\"%s\"", key);
    const char *found = strstr(text, quoted);
    size_t offset = found ? (size_t)(found - text) + strlen(quoted) : 0;
    free(quoted);
    while (offset < length && text[offset] != '[')
        offset++;
    int depth = 0;
    size_t element = 0;
    bool in_string = false, expecting = true;
    for (size_t i = offset; i < length; i++) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (depth == 1 && expecting && c != ']') {
            if (element == index)
                return i;
            expecting = false;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{')
            depth++;
        else if (c == ']' || c == '}')
            depth--;
        else if (c == ',' && depth == 1) {
            element++;
            expecting = true;
        }
        if (depth == 0)
            break;
    }
    return offset;
}

static struct baseline_entry *find(struct baseline *baseline, const char *rule, const char *path,
                                   const char *fingerprint)
{
    for (size_t i = 0; i < baseline->count; i++) {
        struct baseline_entry *entry = &baseline->entries[i];
        if (strcmp(entry->rule, rule) == 0 && strcmp(entry->path, path) == 0 &&
            strcmp(entry->fingerprint, fingerprint) == 0)
            return entry;
    }
    return NULL;
}

void baseline_add(struct baseline *baseline, const char *rule, const char *path, const char *fingerprint,
                  unsigned count, const char *message)
{
    struct baseline_entry *entry = find(baseline, rule, path, fingerprint);
    if (entry) {
        entry->count = entry->count > MAX_COUNT - count ? MAX_COUNT : entry->count + count;
        return;
    }
    baseline->entries = xrealloc(baseline->entries, (baseline->count + 1) * sizeof *baseline->entries);
    baseline->entries[baseline->count++] = (struct baseline_entry){
        xstrdup(rule), xstrdup(path), xstrdup(fingerprint), count, message ? xstrdup(message) : NULL, 0};
}

static const char *string_field(const cJSON *entry, const char *name)
{
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(entry, name);
    return cJSON_IsString(field) && field->valuestring[0] ? field->valuestring : NULL;
}

static int read_entry(struct text_error *state, const cJSON *entry, size_t index, struct baseline *out)
{
    unsigned line = text_line_at(state->text, element_offset(state->text, state->length, "entries", index));
    if (!cJSON_IsObject(entry))
        return text_error_fail(state, line, "entry %zu is not an object", index + 1);
    const char *rule = string_field(entry, "rule"), *path = string_field(entry, "path");
    const char *fingerprint = string_field(entry, "fingerprint");
    const char *missing = !rule ? "rule" : !path ? "path" : !fingerprint ? "fingerprint" : NULL;
    if (missing)
        return text_error_fail(state, line, "entry %zu has no \"%s\" string", index + 1, missing);
    const cJSON *count = cJSON_GetObjectItemCaseSensitive(entry, "count");
    if (!cJSON_IsNumber(count) || count->valuedouble < 1 || count->valuedouble > MAX_COUNT ||
        count->valuedouble != (double)(long)count->valuedouble)
        return text_error_fail(state, line, "entry %zu: \"count\" must be a whole number from 1 to %d", index + 1, MAX_COUNT);
    const cJSON *message = cJSON_GetObjectItemCaseSensitive(entry, "message");
    baseline_add(out, rule, path, fingerprint, (unsigned)count->valuedouble,
                 cJSON_IsString(message) ? message->valuestring : NULL);
    return 0;
}

int baseline_parse(const char *text, size_t length, struct baseline *out, unsigned *error_line, char *error,
                   size_t error_size)
{
    memset(out, 0, sizeof *out);
    *error_line = 0;
    if (error_size)
        error[0] = '\0';
    struct text_error state = {NULL, length, error_line, error, error_size};
    char *copy = text_error_copy(&state, text, length, "baseline file");
    if (!copy)
        return -1;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, length + 1, &end, 1);
    int status = 0;
    if (!root) {
        size_t offset = end && end >= copy && end <= copy + length ? (size_t)(end - copy) : length;
        status = text_error_fail(&state, text_line_at(copy, offset), "%s", offset >= length ? "invalid JSON: unexpected end of the text"
                                                                            : "invalid JSON");
    } else if (!cJSON_IsObject(root)) {
        status = text_error_fail(&state, 1, "expected a JSON object with \"version\" and \"entries\"");
    } else {
        const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "version");
        const cJSON *entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
        if (!cJSON_IsNumber(version))
            status = text_error_fail(&state, 1, "no \"version\" number; not a umalint baseline file");
        else if (version->valuedouble != 1)
            status = text_error_fail(&state, 1, "baseline version %g is not supported (this umalint reads version 1)",
                          version->valuedouble);
        else if (!cJSON_IsArray(entries))
            status = text_error_fail(&state, 1, "no \"entries\" array");
        else {
            size_t index = 0;
            const cJSON *entry;
            cJSON_ArrayForEach(entry, entries)
            {
                if (read_entry(&state, entry, index++, out) != 0) {
                    status = -1;
                    break;
                }
            }
        }
    }
    cJSON_Delete(root);
    free(copy);
    if (status != 0)
        baseline_free(out);
    return status;
}

static int compare_entries(const void *left, const void *right)
{
    const struct baseline_entry *a = left, *b = right;
    int order = strcmp(a->path, b->path);
    if (!order)
        order = strcmp(a->rule, b->rule);
    if (!order)
        order = strcmp(a->fingerprint, b->fingerprint);
    return order;
}

char *baseline_format(const struct baseline *baseline)
{
    struct baseline_entry *sorted = xcalloc(baseline->count + 1, sizeof *sorted);
    size_t count = 0;
    for (size_t i = 0; i < baseline->count; i++)
        if (baseline->entries[i].count > 0)
            sorted[count++] = baseline->entries[i];
    if (count > 1)
        qsort(sorted, count, sizeof *sorted, compare_entries);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON_AddStringToObject(root, "tool", "umalint");
    cJSON *entries = cJSON_AddArrayToObject(root, "entries");
    for (size_t i = 0; i < count; i++) {
        cJSON *entry = cJSON_CreateObject();
        cJSON_AddStringToObject(entry, "rule", sorted[i].rule);
        cJSON_AddStringToObject(entry, "path", sorted[i].path);
        cJSON_AddStringToObject(entry, "fingerprint", sorted[i].fingerprint);
        cJSON_AddNumberToObject(entry, "count", sorted[i].count);
        if (sorted[i].message)
            cJSON_AddStringToObject(entry, "message", sorted[i].message);
        cJSON_AddItemToArray(entries, entry);
    }
    free(sorted);
    char *printed = cJSON_Print(root);
    cJSON_Delete(root);
    if (!printed)
        return NULL;
    char *text = xasprintf("%s\n", printed);
    free(printed);
    return text;
}

void baseline_free(struct baseline *baseline)
{
    for (size_t i = 0; i < baseline->count; i++) {
        free(baseline->entries[i].rule);
        free(baseline->entries[i].path);
        free(baseline->entries[i].fingerprint);
        free(baseline->entries[i].message);
    }
    free(baseline->entries);
    baseline->entries = NULL;
    baseline->count = 0;
}
