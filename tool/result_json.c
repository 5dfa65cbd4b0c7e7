/* result_json.c - see result_json.h. Decoding is strict: any missing or
 * mistyped field rejects the whole entry, which the cache then treats as a
 * miss and rewrites. Rule code and name point back into the rule registry,
 * as analyze_file leaves them. */
#include "result_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/registry.h"
#include "strbuf.h"

/* ---- encoding ----------------------------------------------------------- */

static void add_string_or_null(cJSON *object, const char *name, const char *value)
{
    if (value)
        cJSON_AddStringToObject(object, name, value);
    else
        cJSON_AddNullToObject(object, name);
}

static cJSON *span_to_json(const struct source_span *span)
{
    cJSON *object = cJSON_CreateObject();
    add_string_or_null(object, "file", span->file);
    cJSON_AddNumberToObject(object, "line", span->line);
    cJSON_AddNumberToObject(object, "column", span->column);
    cJSON_AddNumberToObject(object, "end_line", span->end_line);
    cJSON_AddNumberToObject(object, "end_column", span->end_column);
    cJSON_AddNumberToObject(object, "offset", span->offset);
    cJSON_AddNumberToObject(object, "length", span->length);
    add_string_or_null(object, "line_text", span->line_text);
    return object;
}

static cJSON *finding_to_json(const struct finding *finding)
{
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "code", finding->code);
    cJSON_AddStringToObject(object, "name", finding->name);
    cJSON_AddNumberToObject(object, "severity", finding->severity);
    cJSON_AddItemToObject(object, "where", span_to_json(&finding->where));
    add_string_or_null(object, "message", finding->message);
    cJSON *notes = cJSON_AddArrayToObject(object, "notes");
    for (size_t i = 0; i < finding->note_count; i++) {
        cJSON *note = cJSON_CreateObject();
        cJSON_AddItemToObject(note, "where", span_to_json(&finding->notes[i].where));
        add_string_or_null(note, "message", finding->notes[i].message);
        cJSON_AddItemToArray(notes, note);
    }
    cJSON *fixes = cJSON_AddArrayToObject(object, "fixes");
    for (size_t i = 0; i < finding->fix_count; i++) {
        const struct fix_edit *edit = &finding->fixes[i];
        cJSON *fix = cJSON_CreateObject();
        add_string_or_null(fix, "file", edit->file);
        cJSON_AddNumberToObject(fix, "offset", edit->offset);
        cJSON_AddNumberToObject(fix, "length", edit->length);
        add_string_or_null(fix, "replacement", edit->replacement);
        cJSON_AddItemToArray(fixes, fix);
    }
    cJSON_AddBoolToObject(object, "fix_is_safe", finding->fix_is_safe);
    cJSON_AddBoolToObject(object, "suppressed", finding->suppressed);
    add_string_or_null(object, "suppression_reason", finding->suppression_reason);
    add_string_or_null(object, "fingerprint", finding->fingerprint);
    return object;
}

cJSON *result_to_json(const struct file_result *result)
{
    cJSON *object = cJSON_CreateObject();
    cJSON *findings = cJSON_AddArrayToObject(object, "findings");
    for (size_t i = 0; i < result->findings.count; i++)
        cJSON_AddItemToArray(findings, finding_to_json(&result->findings.items[i]));
    cJSON *parsed = cJSON_AddArrayToObject(object, "parsed_files");
    for (size_t i = 0; i < result->parsed_file_count; i++) {
        const struct parsed_file *file = &result->parsed_files[i];
        char hash[17];
        snprintf(hash, sizeof hash, "%016llx", (unsigned long long)file->hash);
        cJSON *item = cJSON_CreateObject();
        add_string_or_null(item, "path", file->path);
        cJSON_AddNumberToObject(item, "size", (double)file->size);
        cJSON_AddStringToObject(item, "hash", hash);
        cJSON_AddItemToArray(parsed, item);
    }
    cJSON_AddNumberToObject(object, "parse_error_count", result->parse_error_count);
    return object;
}

/* ---- decoding ----------------------------------------------------------- */

/* A string field that may be null; -1 when absent or of another type. */
static int get_string(const cJSON *object, const char *name, char **out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    if (cJSON_IsNull(item)) {
        *out = NULL;
        return 0;
    }
    if (!cJSON_IsString(item) || !item->valuestring)
        return -1;
    *out = xstrdup(item->valuestring);
    return 0;
}

static int get_unsigned(const cJSON *object, const char *name, unsigned *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    if (!cJSON_IsNumber(item))
        return -1;
    double value = item->valuedouble;
    if (!(value >= 0 && value <= 4294967295.0) || floor(value) != value)
        return -1;
    *out = (unsigned)value;
    return 0;
}

static int span_from_json(const cJSON *json, struct source_span *span)
{
    memset(span, 0, sizeof *span);
    if (!cJSON_IsObject(json))
        return -1;
    if (get_string(json, "file", &span->file) != 0 || get_unsigned(json, "line", &span->line) != 0 ||
        get_unsigned(json, "column", &span->column) != 0 || get_unsigned(json, "end_line", &span->end_line) != 0 ||
        get_unsigned(json, "end_column", &span->end_column) != 0 ||
        get_unsigned(json, "offset", &span->offset) != 0 || get_unsigned(json, "length", &span->length) != 0 ||
        get_string(json, "line_text", &span->line_text) != 0)
        return -1;
    return 0;
}

static int notes_from_json(const cJSON *array, struct finding *finding)
{
    if (!cJSON_IsArray(array))
        return -1;
    int count = cJSON_GetArraySize(array);
    if (count == 0)
        return 0;
    finding->notes = xcalloc((size_t)count, sizeof *finding->notes);
    const cJSON *item;
    cJSON_ArrayForEach(item, array) {
        struct finding_note *note = &finding->notes[finding->note_count++];
        if (span_from_json(cJSON_GetObjectItemCaseSensitive(item, "where"), &note->where) != 0 ||
            get_string(item, "message", &note->message) != 0)
            return -1;
    }
    return 0;
}

static int fixes_from_json(const cJSON *array, struct finding *finding)
{
    if (!cJSON_IsArray(array))
        return -1;
    int count = cJSON_GetArraySize(array);
    if (count == 0)
        return 0;
    finding->fixes = xcalloc((size_t)count, sizeof *finding->fixes);
    const cJSON *item;
    cJSON_ArrayForEach(item, array) {
        struct fix_edit *edit = &finding->fixes[finding->fix_count++];
        if (!cJSON_IsObject(item) || get_string(item, "file", &edit->file) != 0 ||
            get_unsigned(item, "offset", &edit->offset) != 0 || get_unsigned(item, "length", &edit->length) != 0 ||
            get_string(item, "replacement", &edit->replacement) != 0)
            return -1;
    }
    return 0;
}

static int finding_from_json(const cJSON *json, struct finding *finding)
{
    if (!cJSON_IsObject(json))
        return -1;
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(json, "code");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(json, "name");
    const struct rule_info *rule = cJSON_IsString(code) ? rule_find(code->valuestring) : NULL;
    if (!rule || !cJSON_IsString(name) || strcmp(name->valuestring, rule->name) != 0)
        return -1;
    finding->code = rule->code;
    finding->name = rule->name;
    unsigned severity;
    if (get_unsigned(json, "severity", &severity) != 0 || severity > SEVERITY_ERROR)
        return -1;
    finding->severity = (enum severity)severity;
    const cJSON *safe = cJSON_GetObjectItemCaseSensitive(json, "fix_is_safe");
    const cJSON *suppressed = cJSON_GetObjectItemCaseSensitive(json, "suppressed");
    if (!cJSON_IsBool(safe) || !cJSON_IsBool(suppressed))
        return -1;
    finding->fix_is_safe = cJSON_IsTrue(safe);
    finding->suppressed = cJSON_IsTrue(suppressed);
    if (get_string(json, "suppression_reason", &finding->suppression_reason) != 0 ||
        get_string(json, "fingerprint", &finding->fingerprint) != 0)
        return -1;
    if (span_from_json(cJSON_GetObjectItemCaseSensitive(json, "where"), &finding->where) != 0 ||
        get_string(json, "message", &finding->message) != 0 ||
        notes_from_json(cJSON_GetObjectItemCaseSensitive(json, "notes"), finding) != 0 ||
        fixes_from_json(cJSON_GetObjectItemCaseSensitive(json, "fixes"), finding) != 0)
        return -1;
    return 0;
}

static int parsed_files_from_json(const cJSON *array, struct file_result *result)
{
    if (!cJSON_IsArray(array))
        return -1;
    int count = cJSON_GetArraySize(array);
    if (count == 0)
        return 0;
    result->parsed_files = xcalloc((size_t)count, sizeof *result->parsed_files);
    const cJSON *item;
    cJSON_ArrayForEach(item, array) {
        struct parsed_file *file = &result->parsed_files[result->parsed_file_count++];
        const cJSON *size = cJSON_GetObjectItemCaseSensitive(item, "size");
        const cJSON *hash = cJSON_GetObjectItemCaseSensitive(item, "hash");
        char *end = NULL;
        if (!cJSON_IsObject(item) || get_string(item, "path", &file->path) != 0 || !cJSON_IsNumber(size) ||
            size->valuedouble < 0 || !cJSON_IsString(hash) || strlen(hash->valuestring) != 16)
            return -1;
        file->size = (unsigned long)size->valuedouble;
        file->hash = strtoull(hash->valuestring, &end, 16);
        if (*end != '\0')
            return -1;
    }
    return 0;
}

int result_from_json(const cJSON *json, struct file_result *result)
{
    memset(result, 0, sizeof *result);
    const cJSON *findings = cJSON_GetObjectItemCaseSensitive(json, "findings");
    if (!cJSON_IsObject(json) || !cJSON_IsArray(findings))
        return -1;
    const cJSON *item;
    cJSON_ArrayForEach(item, findings) {
        struct finding *finding = finding_list_add(&result->findings);
        if (finding_from_json(item, finding) != 0) {
            file_result_free(result);
            return -1;
        }
    }
    if (parsed_files_from_json(cJSON_GetObjectItemCaseSensitive(json, "parsed_files"), result) != 0 ||
        get_unsigned(json, "parse_error_count", &result->parse_error_count) != 0) {
        file_result_free(result);
        return -1;
    }
    return 0;
}
