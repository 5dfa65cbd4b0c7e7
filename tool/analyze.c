/* analyze.c - parse one translation unit, build its facts, run the rules.
 *
 * The translation unit lives only inside analyze_file: it is disposed as
 * soon as the facts are extracted, so memory does not grow with the tree. */
#include "analyze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_hash.h"
#include "facts_extract.h"
#include "fingerprint.h"
#include "monotonic_clock.h"
#include "rules/registry.h"
#include "strbuf.h"
#include "suppress.h"

/* A binary file is not C; parsing it yields only noise. */
static int looks_binary(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return 0;
    char buffer[4096];
    size_t length = fread(buffer, 1, sizeof buffer, file);
    fclose(file);
    return memchr(buffer, '\0', length) != NULL;
}

/* How every file is parsed (the analysis and --fix's re-parse alike). */
#define PARSE_OPTIONS (CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles)

static const struct rule_info *parse_error_rule(void) { return rule_find("UM0001"); }

/* One UM0001 warning naming the first error and the count. */
static void report_parse_errors(CXTranslationUnit unit, const char *path, const bool *enabled,
                                struct file_result *result)
{
    const struct rule_info *rule = parse_error_rule();
    if (!rule || !enabled[rule - rule_registry])
        return;
    unsigned count = clang_getNumDiagnostics(unit), errors = 0;
    CXDiagnostic first = NULL;
    for (unsigned i = 0; i < count; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
        enum CXDiagnosticSeverity severity = clang_getDiagnosticSeverity(diagnostic);
        if (severity >= CXDiagnostic_Error) {
            errors++;
            if (!first) {
                first = diagnostic;
                continue;
            }
        }
        clang_disposeDiagnostic(diagnostic);
    }
    if (!first)
        return;
    /* Where the user sees the error: for an error inside a macro expansion
     * that is the invocation in their file, not the macro's header. */
    CXFile file = NULL;
    unsigned line = 1, column = 1, offset = 0;
    clang_getExpansionLocation(clang_getDiagnosticLocation(first), &file, &line, &column, &offset);
    CXString text = clang_getDiagnosticSpelling(first);
    CXString file_name = clang_getFileName(file);
    const char *where = clang_getCString(file_name);
    struct finding *finding = finding_list_add(&result->findings);
    finding->code = rule->code;
    finding->name = rule->name;
    finding->severity = rule->severity;
    /* Report in the analysed file; an error inside a header is located at line 1. */
    CXString unit_name = clang_getTranslationUnitSpelling(unit);
    CXFile main_file = clang_getFile(unit, clang_getCString(unit_name));
    clang_disposeString(unit_name);
    int in_main = file && main_file && clang_File_isEqual(file, main_file);
    finding->where.file = xstrdup(path);
    finding->where.line = in_main ? line : 1;
    finding->where.column = in_main ? column : 1;
    finding->where.end_line = finding->where.line;
    finding->where.end_column = finding->where.column;
    finding->where.offset = in_main ? offset : 0;
    finding->message = xasprintf("%u parse error%s; the first: %s%s%s%s; findings in this file may be incomplete",
                                 errors, errors == 1 ? "" : "s",
                                 in_main || !where ? "" : where, in_main || !where ? "" : ": ",
                                 clang_getCString(text), "");
    clang_disposeString(file_name);
    clang_disposeString(text);
    clang_disposeDiagnostic(first);
}

static unsigned count_parse_errors(CXTranslationUnit unit)
{
    unsigned count = clang_getNumDiagnostics(unit), errors = 0;
    for (unsigned i = 0; i < count; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
        errors += clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(diagnostic);
    }
    return errors;
}

int count_file_parse_errors(CXIndex index, const char *path, const struct string_list *arguments,
                            unsigned *errors)
{
    CXTranslationUnit unit = NULL;
    if (clang_parseTranslationUnit2(index, path, (const char *const *)arguments->items, (int)arguments->count, NULL,
                                    0, PARSE_OPTIONS, &unit) != CXError_Success ||
        !unit)
        return -1;
    *errors = count_parse_errors(unit);
    clang_disposeTranslationUnit(unit);
    return 0;
}

/* The files the facts hold, hashed as parsed, for --fix's change check. */
static void record_parsed_files(const struct facts *facts, struct file_result *result)
{
    result->parsed_files = xcalloc(facts->file_count, sizeof *result->parsed_files);
    for (unsigned i = 0; i < facts->file_count; i++) {
        const struct fact_file *file = facts->files[i];
        struct parsed_file *entry = &result->parsed_files[result->parsed_file_count++];
        entry->path = xstrdup(file->path);
        entry->size = file->size;
        entry->hash = content_hash(file->contents, file->size);
    }
}

void file_result_free(struct file_result *result)
{
    finding_list_free(&result->findings);
    free(result->error);
    for (size_t i = 0; i < result->parsed_file_count; i++)
        free(result->parsed_files[i].path);
    free(result->parsed_files);
    memset(result, 0, sizeof *result);
}

static bool has_error(CXTranslationUnit unit)
{
    unsigned count = clang_getNumDiagnostics(unit);
    bool found = false;
    for (unsigned i = 0; i < count && !found; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
        found = clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(diagnostic);
    }
    return found;
}

/* A header that was not found (or an #error that a missing header may
 * have triggered) can change by creating a file the cache does not know
 * of; such results must not be cached. libclang reports the fatal "file
 * not found" as an error under KeepGoing, so the category tells it. */
static bool has_preprocessor_error(CXTranslationUnit unit)
{
    unsigned count = clang_getNumDiagnostics(unit);
    bool found = false;
    for (unsigned i = 0; i < count && !found; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
        if (clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error) {
            CXString category = clang_getDiagnosticCategoryText(diagnostic);
            const char *text = clang_getCString(category);
            found = text && strstr(text, "Preprocessor") != NULL;
            clang_disposeString(category);
        }
        clang_disposeDiagnostic(diagnostic);
    }
    return found;
}

/* With a precompiled header first when one is offered; any error there
 * (a stale header, a file the header does not fit) means parse again
 * without it, so the diagnostics are exactly those of a plain parse. */
static enum CXErrorCode parse(CXIndex index, const char *path, const struct string_list *arguments,
                              struct analysis_extras *extras, CXTranslationUnit *unit)
{
    if (extras && extras->pch_path) {
        struct string_list with_pch = {NULL, 0};
        for (size_t i = 0; i < arguments->count; i++)
            string_list_add(&with_pch, arguments->items[i]);
        string_list_add(&with_pch, "-include-pch");
        string_list_add(&with_pch, extras->pch_path);
        enum CXErrorCode status = clang_parseTranslationUnit2(
            index, path, (const char *const *)with_pch.items, (int)with_pch.count, NULL, 0, PARSE_OPTIONS, unit);
        string_list_free(&with_pch);
        if (status == CXError_Success && *unit && !has_error(*unit)) {
            extras->used_pch = true;
            return status;
        }
        if (*unit)
            clang_disposeTranslationUnit(*unit);
        *unit = NULL;
    }
    return clang_parseTranslationUnit2(index, path, (const char *const *)arguments->items, (int)arguments->count,
                                       NULL, 0, PARSE_OPTIONS, unit);
}

void analyze_file(CXIndex index, const char *path, const struct string_list *arguments,
                  const struct file_settings *settings, struct file_result *result)
{
    analyze_file_extra(index, path, arguments, settings, NULL, result);
}

void analyze_file_extra(CXIndex index, const char *path, const struct string_list *arguments,
                        const struct file_settings *settings, struct analysis_extras *extras,
                        struct file_result *result)
{
    const bool *enabled = settings->enabled;
    const struct user_memory_config *config = &settings->user_memory;
    memset(result, 0, sizeof *result);
    if (looks_binary(path)) {
        result->error = xasprintf("%s: not a text file (contains NUL bytes)", path);
        return;
    }
    CXTranslationUnit unit = NULL;
    double started = monotonic_seconds();
    enum CXErrorCode status = parse(index, path, arguments, extras, &unit);
    if (status != CXError_Success || !unit) {
        result->error = xasprintf("%s: libclang could not parse the file (error %d)", path, (int)status);
        return;
    }
    report_parse_errors(unit, path, enabled, result);
    result->parse_error_count = count_parse_errors(unit);
    double parsed = monotonic_seconds();
    struct facts facts;
    facts_init(&facts, path);
    facts_extract(unit, path, extras && extras->used_pch ? extras->pch_record_names : NULL, &facts);
    if (extras && extras->dependencies)
        dependencies_collect(unit, extras->dependencies);
    if (extras)
        extras->cacheable = !has_preprocessor_error(unit);
    clang_disposeTranslationUnit(unit);
    record_parsed_files(&facts, result);
    double extracted = monotonic_seconds();
    struct user_memory *user_memory = user_memory_build(&facts, config);
    rules_run(&facts, user_memory, enabled, &result->findings);
    if (settings->inline_suppressions)
        suppress_findings(&facts, enabled, &result->findings);
    file_settings_apply_severities(settings, &result->findings);
    fingerprint_findings(&facts, &result->findings);
    user_memory_free(user_memory);
    facts_free(&facts);
    if (extras) {
        extras->parse_seconds = parsed - started;
        extras->facts_seconds = extracted - parsed;
        extras->rules_seconds = monotonic_seconds() - extracted;
    }
}
