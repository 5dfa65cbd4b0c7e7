/* write_json.c - the JSON report (schema version 1, documented in README.md)
 * and its JSON Lines form (--format=jsonl: one diagnostic object per line,
 * the same fields, for streaming consumers and grep). Within version 1 only
 * additive changes are allowed. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "report.h"
#include "rules/registry.h"
#include "version.h"

static cJSON *diagnostic_json(const struct finding *finding)
{
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "rule", finding->code);
    cJSON_AddStringToObject(object, "name", finding->name);
    cJSON_AddStringToObject(object, "severity", severity_name(finding->severity));
    cJSON_AddStringToObject(object, "file", finding->where.file);
    cJSON_AddNumberToObject(object, "line", finding->where.line);
    cJSON_AddNumberToObject(object, "column", finding->where.column);
    cJSON_AddNumberToObject(object, "end_line", finding->where.end_line);
    cJSON_AddNumberToObject(object, "end_column", finding->where.end_column);
    cJSON_AddStringToObject(object, "message", finding->message);
    cJSON *notes = cJSON_AddArrayToObject(object, "notes");
    for (size_t i = 0; i < finding->note_count; i++) {
        const struct finding_note *note = &finding->notes[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "file", note->where.file);
        cJSON_AddNumberToObject(item, "line", note->where.line);
        cJSON_AddNumberToObject(item, "column", note->where.column);
        cJSON_AddStringToObject(item, "message", note->message);
        cJSON_AddItemToArray(notes, item);
    }
    cJSON *fixes = cJSON_AddArrayToObject(object, "fixes");
    for (size_t i = 0; i < finding->fix_count; i++) {
        const struct fix_edit *edit = &finding->fixes[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "file", edit->file);
        cJSON_AddNumberToObject(item, "offset", edit->offset);
        cJSON_AddNumberToObject(item, "length", edit->length);
        cJSON_AddStringToObject(item, "replacement", edit->replacement);
        cJSON_AddItemToArray(fixes, item);
    }
    if (finding->fix_count > 0)
        cJSON_AddStringToObject(object, "fix_applicability", finding->fix_is_safe ? "safe" : "unsafe");
    return object;
}

int write_json(FILE *out, const struct report *report)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "version", 1);
    cJSON *tool = cJSON_AddObjectToObject(root, "tool");
    cJSON_AddStringToObject(tool, "name", "umalint");
    cJSON_AddStringToObject(tool, "version", UMALINT_VERSION);
    cJSON_AddStringToObject(tool, "libclang", report->libclang_version);
    cJSON_AddNumberToObject(root, "files_analyzed", (double)report->files_analyzed);
    cJSON *diagnostics = cJSON_AddArrayToObject(root, "diagnostics");
    for (size_t i = 0; i < report->findings->count; i++)
        if (!report->findings->items[i].suppressed)   /* only SARIF shows suppressed findings */
            cJSON_AddItemToArray(diagnostics, diagnostic_json(&report->findings->items[i]));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return 0;
}

int write_jsonl(FILE *out, const struct report *report)
{
    for (size_t i = 0; i < report->findings->count; i++) {
        if (report->findings->items[i].suppressed)
            continue;
        cJSON *diagnostic = diagnostic_json(&report->findings->items[i]);
        char *text = cJSON_PrintUnformatted(diagnostic);
        cJSON_Delete(diagnostic);
        if (!text)
            return -1;
        fputs(text, out);
        fputc('\n', out);
        free(text);
    }
    return 0;
}

int write_checks_json(FILE *out, const bool *enabled)
{
    cJSON *checks = cJSON_CreateArray();
    for (size_t i = 0; i < rule_registry_count; i++) {
        if (!enabled[i])
            continue;
        const struct rule_info *rule = &rule_registry[i];
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "code", rule->code);
        cJSON_AddStringToObject(item, "name", rule->name);
        cJSON_AddStringToObject(item, "severity", severity_name(rule->severity));
        cJSON_AddStringToObject(item, "summary", rule->summary);
        char url[512];
        snprintf(url, sizeof url, "%s%s", UMALINT_RULE_DOCS_URL, rule->doc_file);
        cJSON_AddStringToObject(item, "docs_url", url);
        cJSON_AddItemToArray(checks, item);
    }
    char *text = cJSON_Print(checks);
    cJSON_Delete(checks);
    if (!text)
        return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return 0;
}
