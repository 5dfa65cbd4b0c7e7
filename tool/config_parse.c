/* config_parse.c - .umalint.json text to struct config (tool/config.h).
 *
 * Comments are blanked out (replaced by spaces, newlines kept) rather than
 * removed with cJSON_Minify: cJSON 1.7.15's minify keeps strings intact but
 * also removes all white space, so cJSON's error position could no longer
 * be turned into a line, and it silently drops an unterminated comment.
 * cJSON records no positions for values, so a problem with a value is
 * reported at the line where its key is written (found in the text). */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printable.h"
#include "strbuf.h"

/* Blanks out // and block comments outside strings. Returns -1 with the
 * line of an unterminated block comment. */
static int blank_comments(char *text, size_t length, unsigned *bad_line)
{
    bool in_string = false;
    for (size_t i = 0; i < length; i++) {
        if (in_string) {
            if (text[i] == '\\' && i + 1 < length)
                i++;
            else if (text[i] == '"')
                in_string = false;
            continue;
        }
        if (text[i] == '"') {
            in_string = true;
        } else if (text[i] == '/' && i + 1 < length && text[i + 1] == '/') {
            while (i < length && text[i] != '\n')
                text[i++] = ' ';
        } else if (text[i] == '/' && i + 1 < length && text[i + 1] == '*') {
            size_t start = i;
            text[i++] = ' ';
            text[i++] = ' ';
            while (i < length && !(text[i] == '*' && i + 1 < length && text[i + 1] == '/')) {
                if (text[i] != '\n')
                    text[i] = ' ';
                i++;
            }
            if (i >= length) {
                *bad_line = text_line_at(text, start);
                return -1;
            }
            text[i++] = ' ';
            text[i] = ' ';
        }
    }
    return 0;
}

/* The line where `"key"` is written as an object key, searching from
 * `from`; `fallback` when it cannot be found (an escaped spelling). */
static unsigned key_line(const struct text_error *state, size_t *from, const char *key, unsigned fallback)
{
    size_t key_length = strlen(key);
    for (size_t i = *from; i + key_length + 2 <= state->length; i++) {
        if (state->text[i] != '"' || memcmp(state->text + i + 1, key, key_length) != 0 ||
            state->text[i + key_length + 1] != '"')
            continue;
        size_t j = i + key_length + 2;
        while (j < state->length && strchr(" \t\r\n", state->text[j]))
            j++;
        if (j < state->length && state->text[j] == ':') {
            *from = j;
            return text_line_at(state->text, i);
        }
    }
    return fallback;
}

/* A short printable excerpt of the text at `offset`, for syntax errors. */
static void excerpt(const char *text, size_t length, size_t offset, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = offset; i < length && n + 1 < out_size && n < 20; i++) {
        char c = text[i];
        if (c == '\n' || c == '\r')
            break;
        out[n++] = (c >= 0x20 && c < 0x7f) ? c : '?';
    }
    out[n] = '\0';
}

static const char *const known_keys[] = {
    "$schema", "inherit", "checks", "exclude", "extra_args", "severity", "warnings_as_errors", "user_params",
    "origin_fields", NULL,
};

static bool is_known_key(const char *key)
{
    for (size_t i = 0; known_keys[i]; i++)
        if (strcmp(known_keys[i], key) == 0)
            return true;
    return false;
}

static int read_string_list(struct text_error *state, const cJSON *value, const char *key, unsigned line,
                            struct string_list *out, bool identifiers)
{
    if (!cJSON_IsArray(value))
        return text_error_fail(state, line, "\"%s\" must be an array of strings", key);
    const cJSON *item;
    cJSON_ArrayForEach(item, value)
    {
        if (!cJSON_IsString(item) || !item->valuestring[0])
            return text_error_fail(state, line, "\"%s\" must be an array of non-empty strings", key);
        if (identifiers) {
            const char *p = item->valuestring;
            bool valid = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_';
            for (; *p && valid; p++)
                valid = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                        *p == '_';
            if (!valid)
                return text_error_fail(state, line, "\"%s\": '%s' is not a C field name", key, item->valuestring);
        }
        string_list_add(out, item->valuestring);
    }
    return 0;
}

static int read_glob_string(struct text_error *state, const cJSON *value, const char *key, unsigned line,
                            char **out)
{
    if (!cJSON_IsString(value))
        return text_error_fail(state, line, "\"%s\" must be a string of comma-separated globs, e.g. \"-*,UM1*\"", key);
    *out = xstrdup(value->valuestring);
    return 0;
}

static int read_severities(struct text_error *state, const cJSON *value, size_t key_offset, unsigned line,
                           struct config *config)
{
    if (!cJSON_IsObject(value))
        return text_error_fail(state, line, "\"severity\" must be an object: {\"UM2005\": \"warning\"}");
    const cJSON *item;
    cJSON_ArrayForEach(item, value)
    {
        size_t from = key_offset;
        unsigned item_line = key_line(state, &from, item->string, line);
        if (!item->string[0])
            return text_error_fail(state, item_line, "\"severity\": an empty check name");
        const char *level = cJSON_IsString(item) ? item->valuestring : "";
        enum severity severity;
        if (strcmp(level, "error") == 0)
            severity = SEVERITY_ERROR;
        else if (strcmp(level, "warning") == 0)
            severity = SEVERITY_WARNING;
        else if (strcmp(level, "note") == 0)
            severity = SEVERITY_NOTE;
        else
            return text_error_fail(state, item_line, "\"severity\": \"%s\" must be \"error\", \"warning\" or \"note\"",
                        item->string);
        config->severities =
            xrealloc(config->severities, (config->severity_count + 1) * sizeof *config->severities);
        config->severities[config->severity_count++] = (struct config_severity){xstrdup(item->string), severity,
                                                                                 item_line};
    }
    return 0;
}

static int add_user_param(struct text_error *state, const cJSON *index, const char *function, unsigned line,
                          struct config *config)
{
    if (!cJSON_IsNumber(index) || index->valuedouble < 0 || index->valuedouble > 255 ||
        index->valuedouble != (double)(int)index->valuedouble)
        return text_error_fail(state, line, "\"user_params\": \"%s\" takes 0-based parameter indexes from 0 to 255", function);
    config->user_params =
        xrealloc(config->user_params, (config->user_param_count + 1) * sizeof *config->user_params);
    config->user_params[config->user_param_count++] = (struct user_param){xstrdup(function),
                                                                          (unsigned)index->valuedouble};
    return 0;
}

static int read_user_params(struct text_error *state, const cJSON *value, size_t key_offset, unsigned line,
                            struct config *config)
{
    if (!cJSON_IsObject(value))
        return text_error_fail(state, line, "\"user_params\" must be an object: {\"NtFooControl\": [1, 3]}");
    const cJSON *item;
    cJSON_ArrayForEach(item, value)
    {
        size_t from = key_offset;
        unsigned item_line = key_line(state, &from, item->string, line);
        if (!item->string[0])
            return text_error_fail(state, item_line, "\"user_params\": an empty function name");
        if (cJSON_IsArray(item)) {
            const cJSON *index;
            cJSON_ArrayForEach(index, item)
            {
                if (add_user_param(state, index, item->string, item_line, config) != 0)
                    return -1;
            }
        } else if (add_user_param(state, item, item->string, item_line, config) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Two keys with the same name: cJSON keeps both and finds the first, so a
 * later correction would be silently ignored. */
static const char *duplicate_key(const cJSON *object)
{
    for (const cJSON *a = object->child; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (a->string && b->string && strcmp(a->string, b->string) == 0)
                return a->string;
    return NULL;
}

static int read_object(struct text_error *state, const cJSON *root, struct config *config)
{
    const char *duplicate = duplicate_key(root);
    if (duplicate) {
        size_t from = 0;
        unsigned first = key_line(state, &from, duplicate, 1);
        return text_error_fail(state, key_line(state, &from, duplicate, first), "\"%s\" is given twice", duplicate);
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, root)
    {
        const char *key = item->string;
        size_t offset = 0;
        unsigned line = key_line(state, &offset, key, 1);
        if (!is_known_key(key)) {
            struct strbuf known = STRBUF_INIT;
            for (size_t i = 1; known_keys[i]; i++)
                strbuf_printf(&known, "%s%s", i > 1 ? ", " : "", known_keys[i]);
            text_error_fail(state, line, "unknown key \"%s\" (known keys: %s)", key, known.data);
            strbuf_free(&known);
            return -1;
        }
        const char *duplicate_inside = cJSON_IsObject(item) ? duplicate_key(item) : NULL;
        if (duplicate_inside) {
            size_t from = offset;
            return text_error_fail(state, key_line(state, &from, duplicate_inside, line), "\"%s\": \"%s\" is given twice",
                        key, duplicate_inside);
        }
        int status = 0;
        if (strcmp(key, "$schema") == 0) {
            if (!cJSON_IsString(item))
                status = text_error_fail(state, line, "\"$schema\" must be a string");
        } else if (strcmp(key, "inherit") == 0) {
            if (!cJSON_IsBool(item))
                status = text_error_fail(state, line, "\"inherit\" must be true or false");
            config->inherit = cJSON_IsTrue(item);
        } else if (strcmp(key, "checks") == 0) {
            status = read_glob_string(state, item, key, line, &config->checks);
            config->checks_line = line;
        } else if (strcmp(key, "warnings_as_errors") == 0) {
            status = read_glob_string(state, item, key, line, &config->warnings_as_errors);
            config->warnings_as_errors_line = line;
        } else if (strcmp(key, "exclude") == 0) {
            status = read_string_list(state, item, key, line, &config->exclude, false);
        } else if (strcmp(key, "extra_args") == 0) {
            status = read_string_list(state, item, key, line, &config->extra_args, false);
        } else if (strcmp(key, "origin_fields") == 0) {
            status = read_string_list(state, item, key, line, &config->origin_fields, true);
        } else if (strcmp(key, "severity") == 0) {
            status = read_severities(state, item, offset, line, config);
        } else if (strcmp(key, "user_params") == 0) {
            status = read_user_params(state, item, offset, line, config);
        }
        if (status != 0)
            return status;
    }
    return 0;
}

int config_parse(const char *text, size_t length, struct config *out, unsigned *error_line, char *error,
                 size_t error_size)
{
    memset(out, 0, sizeof *out);
    *error_line = 0;
    if (error_size)
        error[0] = '\0';
    struct text_error state = {NULL, length, error_line, error, error_size};
    char *copy = text_error_copy(&state, text, length, "JSON text file");
    if (!copy)
        return -1;
    unsigned bad_line = 0;
    if (blank_comments(copy, length, &bad_line) != 0) {
        free(copy);
        return text_error_fail(&state, bad_line, "unterminated /* comment");
    }
    size_t start = 0;
    while (start < length && strchr(" \t\r\n", copy[start]))
        start++;
    if (start == length) {
        free(copy);
        return text_error_fail(&state, 1, "empty file; expected a JSON object such as {\"checks\": \"-*,UM1*\"}");
    }
    const char *end = NULL;
    /* length + 1: cJSON checks for the terminating NUL inside the length. */
    cJSON *root = cJSON_ParseWithLengthOpts(copy, length + 1, &end, 1);
    int status = 0;
    if (!root) {
        size_t offset = end && end >= copy && end <= copy + length ? (size_t)(end - copy) : length;
        char near[32];
        excerpt(copy, length, offset, near, sizeof near);
        if (offset >= length || !near[0])
            status = text_error_fail(&state, text_line_at(copy, offset), "invalid JSON: unexpected end of the text");
        else
            status = text_error_fail(&state, text_line_at(copy, offset), "invalid JSON near '%s'", near);
    } else if (!cJSON_IsObject(root)) {
        status = text_error_fail(&state, text_line_at(copy, start), "expected a JSON object at the top level");
    } else {
        status = read_object(&state, root, out);
    }
    cJSON_Delete(root);
    free(copy);
    if (status != 0)
        config_free(out);
    return status;
}

void config_free(struct config *config)
{
    free(config->checks);
    free(config->warnings_as_errors);
    string_list_free(&config->exclude);
    string_list_free(&config->extra_args);
    for (size_t i = 0; i < config->severity_count; i++)
        free(config->severities[i].rule);
    free(config->severities);
    for (size_t i = 0; i < config->user_param_count; i++)
        free(config->user_params[i].function);
    free(config->user_params);
    string_list_free(&config->origin_fields);
    memset(config, 0, sizeof *config);
}

static char *join_globs(const char *first, const char *second)
{
    if (!second)
        return first ? xstrdup(first) : NULL;
    if (!first || !*first)
        return xstrdup(second);
    return xasprintf("%s,%s", first, second);
}

void config_layer(struct config *into, const struct config *over)
{
    char *checks = join_globs(into->checks, over->checks);
    free(into->checks);
    into->checks = checks;
    char *promoted = join_globs(into->warnings_as_errors, over->warnings_as_errors);
    free(into->warnings_as_errors);
    into->warnings_as_errors = promoted;
    for (size_t i = 0; i < over->exclude.count; i++)
        string_list_add(&into->exclude, over->exclude.items[i]);
    for (size_t i = 0; i < over->extra_args.count; i++)
        string_list_add(&into->extra_args, over->extra_args.items[i]);
    for (size_t i = 0; i < over->severity_count; i++) {
        /* The same key again: drop the parent's, so the order stays "later wins". */
        size_t kept = 0;
        for (size_t j = 0; j < into->severity_count; j++) {
            if (strcmp(into->severities[j].rule, over->severities[i].rule) == 0)
                free(into->severities[j].rule);
            else
                into->severities[kept++] = into->severities[j];
        }
        into->severity_count = kept;
        into->severities = xrealloc(into->severities, (into->severity_count + 1) * sizeof *into->severities);
        into->severities[into->severity_count] = over->severities[i];
        into->severities[into->severity_count++].rule = xstrdup(over->severities[i].rule);
    }
    for (size_t i = 0; i < over->user_param_count; i++) {
        bool known = false;
        for (size_t j = 0; j < into->user_param_count && !known; j++)
            known = into->user_params[j].index == over->user_params[i].index &&
                    strcmp(into->user_params[j].function, over->user_params[i].function) == 0;
        if (known)
            continue;
        into->user_params = xrealloc(into->user_params, (into->user_param_count + 1) * sizeof *into->user_params);
        into->user_params[into->user_param_count++] =
            (struct user_param){xstrdup(over->user_params[i].function), over->user_params[i].index};
    }
    for (size_t i = 0; i < over->origin_fields.count; i++) {
        bool known = false;
        for (size_t j = 0; j < into->origin_fields.count && !known; j++)
            known = strcmp(into->origin_fields.items[j], over->origin_fields.items[i]) == 0;
        if (!known)
            string_list_add(&into->origin_fields, over->origin_fields.items[i]);
    }
}
