/* fix_export.c - clang-tidy's fixes YAML (see fix_export.h). Every string
 * is written double-quoted with escapes, which LLVM's YAML reader takes
 * byte for byte: replacement texts may hold newlines and quotes. */
#include "fix_export.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static void yaml_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\x%02x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static const char *level_name(enum severity severity)
{
    switch (severity) {
    case SEVERITY_ERROR: return "Error";
    case SEVERITY_WARNING: return "Warning";
    case SEVERITY_NOTE: return "Remark";
    }
    return "Warning";
}

/* The finding's own file, absolute, as clang-apply-replacements expects. */
static char *absolute_path(const char *path)
{
    char resolved[PATH_MAX];
    return realpath(path, resolved) ? xstrdup(resolved) : xstrdup(path);
}

static void write_diagnostic(FILE *out, const struct fix_plan *plan, size_t fix_index, const char *build_directory)
{
    const struct finding *finding = plan->fixes[fix_index].finding;
    char *file_path = absolute_path(finding->where.file);
    fputs("  - DiagnosticName:  ", out);
    yaml_string(out, finding->code);
    fputs("\n    DiagnosticMessage:\n      Message:         ", out);
    yaml_string(out, finding->message ? finding->message : "");
    fputs("\n      FilePath:        ", out);
    yaml_string(out, file_path);
    fprintf(out, "\n      FileOffset:      %u\n      Replacements:\n", finding->where.offset);
    /* The plan's edits, not the finding's: duplicates are dropped and the
     * accessor include is attached to the fix that needs it. */
    for (size_t i = 0; i < plan->file_count; i++) {
        const struct plan_file *file = &plan->files[i];
        for (size_t j = 0; j < file->edit_count; j++) {
            const struct plan_edit *edit = &file->edits[j];
            if (edit->fix != fix_index)
                continue;
            fputs("        - FilePath:        ", out);
            yaml_string(out, file->real_path);
            fprintf(out, "\n          Offset:          %u\n          Length:          %u\n", edit->offset,
                    edit->length);
            fputs("          ReplacementText: ", out);
            yaml_string(out, edit->replacement);
            fputc('\n', out);
        }
    }
    fprintf(out, "    Level:           %s\n    BuildDirectory:  ", level_name(finding->severity));
    yaml_string(out, build_directory);
    fputc('\n', out);
    free(file_path);
}

int fix_export_write(const char *path, const struct fix_plan *plan, const char *main_source_file,
                     const char *build_directory, char *error, size_t error_size)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        snprintf(error, error_size, "%s: cannot write the exported fixes: %s", path, strerror(errno));
        return -1;
    }
    fputs("---\nMainSourceFile:  ", out);
    yaml_string(out, main_source_file);
    fputs("\nDiagnostics:", out);
    if (plan->accepted_count == 0)
        fputs(" []", out);
    fputc('\n', out);
    for (size_t i = 0; i < plan->fix_count; i++)
        if (plan->fixes[i].accepted)
            write_diagnostic(out, plan, i, build_directory);
    fputs("...\n", out);
    int status = fflush(out) != 0 || ferror(out) ? -1 : 0;
    if (fclose(out) != 0)
        status = -1;
    if (status != 0)
        snprintf(error, error_size, "%s: cannot write the exported fixes: %s", path, strerror(errno));
    return status;
}
