/* write_github.c - GitHub Actions workflow commands (--format=github): one
 * "::error file=F,line=L,...,title=UM2003 struct-sized-copy::MESSAGE" line per
 * finding, which the Actions runner turns into an annotation on the file.
 *
 * Escaping follows @actions/core: in the message '%', CR and LF become %25,
 * %0D, %0A; property values also escape ':' and ','. Notes ride along in the
 * message, on their own lines, so one finding is one annotation. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "strbuf.h"
#include "utf16_columns.h"

/* GitHub shows at most this many annotations of each kind per step. */
enum { ANNOTATIONS_SHOWN_PER_KIND = 10 };

static void append_escaped(struct strbuf *out, const char *text, bool property)
{
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '%': strbuf_append(out, "%25"); break;
        case '\r': strbuf_append(out, "%0D"); break;
        case '\n': strbuf_append(out, "%0A"); break;
        case ':': strbuf_append(out, property ? "%3A" : ":"); break;
        case ',': strbuf_append(out, property ? "%2C" : ","); break;
        default: strbuf_append_char(out, *p);
        }
    }
}

static const char *command_name(enum severity severity)
{
    switch (severity) {
    case SEVERITY_ERROR: return "error";
    case SEVERITY_WARNING: return "warning";
    case SEVERITY_NOTE: return "notice";
    }
    return "warning";
}

static void write_annotation(FILE *out, const struct finding *finding)
{
    const struct source_span *where = &finding->where;
    struct strbuf line = STRBUF_INIT;
    strbuf_printf(&line, "::%s file=", command_name(finding->severity));
    append_escaped(&line, where->file, true);
    strbuf_printf(&line, ",line=%u", where->line);
    bool one_line = where->end_line == 0 || where->end_line == where->line;
    if (!one_line)
        strbuf_printf(&line, ",endLine=%u", where->end_line);
    /* Columns are only accepted on a single-line annotation. */
    if (one_line && where->column > 0) {
        unsigned column = utf16_column(where->line_text, where->column);
        strbuf_printf(&line, ",col=%u", column);
        unsigned end_column = utf16_column(where->line_text, where->end_column);
        if (where->end_line == where->line && end_column > column)
            strbuf_printf(&line, ",endColumn=%u", end_column);
    }
    strbuf_append(&line, ",title=");
    char *title = xasprintf("%s %s", finding->code, finding->name);
    append_escaped(&line, title, true);
    free(title);
    strbuf_append(&line, "::");

    struct strbuf message = STRBUF_INIT;
    strbuf_append(&message, finding->message);
    for (size_t i = 0; i < finding->note_count; i++) {
        const struct finding_note *note = &finding->notes[i];
        strbuf_printf(&message, "\n%s:%u:%u: note: %s", note->where.file, note->where.line, note->where.column,
                      note->message);
    }
    append_escaped(&line, message.data, false);
    fprintf(out, "%s\n", line.data);
    strbuf_free(&message);
    strbuf_free(&line);
}

void write_github(FILE *out, const struct report *report)
{
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < report->findings->count; i++) {
        const struct finding *finding = &report->findings->items[i];
        if (finding->suppressed)
            continue;
        write_annotation(out, finding);
        counts[finding->severity]++;
    }
    if (counts[SEVERITY_ERROR] > ANNOTATIONS_SHOWN_PER_KIND || counts[SEVERITY_WARNING] > ANNOTATIONS_SHOWN_PER_KIND ||
        counts[SEVERITY_NOTE] > ANNOTATIONS_SHOWN_PER_KIND)
        fprintf(out,
                "::notice title=umalint::%zu errors, %zu warnings and %zu notes; GitHub shows %d annotations "
                "of each kind per step: upload a SARIF report (--report sarif:FILE) to see them all\n",
                counts[SEVERITY_ERROR], counts[SEVERITY_WARNING], counts[SEVERITY_NOTE], ANNOTATIONS_SHOWN_PER_KIND);
}
