/* write_text.c - the clang/gcc-shaped terminal formats: text (with the
 * source line, a numbered gutter, carets and fix-its), gcc (lines only) and
 * msvc (what VS Code's $msCompile matcher reads). */
#include <string.h>

#include "report.h"

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[1;31m"
#define ANSI_MAGENTA "\033[1;35m"
#define ANSI_CYAN "\033[1;36m"
#define ANSI_GREEN "\033[1;32m"
#define ANSI_RESET "\033[0m"

static const char *severity_color(enum severity severity)
{
    switch (severity) {
    case SEVERITY_ERROR: return ANSI_RED;
    case SEVERITY_WARNING: return ANSI_MAGENTA;
    case SEVERITY_NOTE: return ANSI_CYAN;
    }
    return "";
}

static void write_location_line(FILE *out, const struct report *report, const struct source_span *where,
                                enum severity severity, const char *message, const char *code)
{
    const char *bold = report->color ? ANSI_BOLD : "", *reset = report->color ? ANSI_RESET : "";
    fprintf(out, "%s%s:%u:%u: %s%s%s: %s%s", bold, where->file, where->line, where->column,
            report->color ? severity_color(severity) : "", severity_name(severity), reset, bold, message);
    if (code)
        fprintf(out, " [%s]", code);
    fprintf(out, "%s\n", reset);
}

/* Width of the gutter: the digits of the line number. */
static int digits(unsigned number)
{
    int count = 1;
    while (number >= 10) {
        number /= 10;
        count++;
    }
    return count;
}

/* The source line, then carets under [column, end_column) on that line,
 * then the fix-it text when the fix replaces exactly this line's range. */
static void write_source(FILE *out, const struct report *report, const struct finding *finding)
{
    const struct source_span *where = &finding->where;
    if (!where->line_text)
        return;
    int width = digits(where->line) + 1;
    if (width < 5)
        width = 5;
    fprintf(out, "%*u | ", width, where->line);
    for (const char *p = where->line_text; *p; p++)
        fputc(*p == '\t' ? ' ' : *p, out);
    fputc('\n', out);

    size_t line_length = strlen(where->line_text);
    unsigned start = where->column > 0 ? where->column - 1 : 0;
    unsigned end = where->end_line == where->line && where->end_column > where->column ? where->end_column - 1
                                                                                        : (unsigned)line_length;
    if (end > line_length)
        end = (unsigned)line_length;
    fprintf(out, "%*s | %s", width, "", report->color ? ANSI_GREEN : "");
    for (unsigned i = 0; i < start; i++)
        fputc(' ', out);
    fputc('^', out);
    for (unsigned i = start + 1; i < end; i++)
        fputc('~', out);
    fprintf(out, "%s\n", report->color ? ANSI_RESET : "");

    if (finding->fix_count == 1 && finding->fixes[0].offset == where->offset && where->end_line == where->line &&
        !strchr(finding->fixes[0].replacement, '\n')) {
        fprintf(out, "%*s | %s", width, "", report->color ? ANSI_GREEN : "");
        for (unsigned i = 0; i < start; i++)
            fputc(' ', out);
        fprintf(out, "%s%s\n", finding->fixes[0].replacement, report->color ? ANSI_RESET : "");
    }
}

void write_text(FILE *out, const struct report *report)
{
    for (size_t i = 0; i < report->findings->count; i++) {
        const struct finding *finding = &report->findings->items[i];
        if (finding->suppressed)
            continue;
        write_location_line(out, report, &finding->where, finding->severity, finding->message, finding->code);
        write_source(out, report, finding);
        for (size_t j = 0; j < finding->note_count; j++)
            write_location_line(out, report, &finding->notes[j].where, SEVERITY_NOTE, finding->notes[j].message,
                                NULL);
    }
}

void write_gcc(FILE *out, const struct report *report)
{
    struct report plain = *report;
    plain.color = false;
    for (size_t i = 0; i < report->findings->count; i++) {
        const struct finding *finding = &report->findings->items[i];
        if (finding->suppressed)
            continue;
        write_location_line(out, &plain, &finding->where, finding->severity, finding->message, finding->code);
        for (size_t j = 0; j < finding->note_count; j++)
            write_location_line(out, &plain, &finding->notes[j].where, SEVERITY_NOTE, finding->notes[j].message,
                                NULL);
    }
}

/* $msCompile reads "error", "warning" and "info"; a note-level finding is info. */
static const char *msvc_severity(enum severity severity)
{
    return severity == SEVERITY_NOTE ? "info" : severity_name(severity);
}

void write_msvc(FILE *out, const struct report *report)
{
    for (size_t i = 0; i < report->findings->count; i++) {
        const struct finding *finding = &report->findings->items[i];
        if (finding->suppressed)
            continue;
        fprintf(out, "%s(%u,%u): %s %s: %s\n", finding->where.file, finding->where.line, finding->where.column,
                msvc_severity(finding->severity), finding->code, finding->message);
        for (size_t j = 0; j < finding->note_count; j++) {
            const struct finding_note *note = &finding->notes[j];
            fprintf(out, "%s(%u,%u): note: %s\n", note->where.file, note->where.line, note->where.column,
                    note->message);
        }
    }
}
