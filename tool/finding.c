/* finding.c - storage, ordering and de-duplication of findings. */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

const char *severity_name(enum severity severity)
{
    switch (severity) {
    case SEVERITY_ERROR: return "error";
    case SEVERITY_WARNING: return "warning";
    case SEVERITY_NOTE: return "note";
    }
    return "warning";
}

static char *dup_or_null(const char *text) { return text ? xstrdup(text) : NULL; }

void source_span_copy(struct source_span *to, const struct source_span *from)
{
    *to = *from;
    to->file = dup_or_null(from->file);
    to->line_text = dup_or_null(from->line_text);
}

void source_span_free(struct source_span *span)
{
    free(span->file);
    free(span->line_text);
    span->file = span->line_text = NULL;
}

struct finding *finding_list_add(struct finding_list *list)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = xrealloc(list->items, list->capacity * sizeof *list->items);
    }
    struct finding *finding = &list->items[list->count++];
    memset(finding, 0, sizeof *finding);
    finding->fix_is_safe = true;
    return finding;
}

void finding_add_note(struct finding *finding, const struct source_span *where, const char *message)
{
    finding->notes = xrealloc(finding->notes, (finding->note_count + 1) * sizeof *finding->notes);
    struct finding_note *note = &finding->notes[finding->note_count++];
    source_span_copy(&note->where, where);
    note->message = xstrdup(message);
}

void finding_add_fix(struct finding *finding, const char *file, unsigned offset, unsigned length,
                     const char *replacement)
{
    finding->fixes = xrealloc(finding->fixes, (finding->fix_count + 1) * sizeof *finding->fixes);
    struct fix_edit *edit = &finding->fixes[finding->fix_count++];
    edit->file = xstrdup(file);
    edit->offset = offset;
    edit->length = length;
    edit->replacement = xstrdup(replacement);
}

void finding_list_move(struct finding_list *to, struct finding_list *from)
{
    for (size_t i = 0; i < from->count; i++) {
        struct finding *slot = finding_list_add(to);
        *slot = from->items[i];
    }
    free(from->items);
    from->items = NULL;
    from->count = from->capacity = 0;
}

static int compare_strings(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int compare_findings(const void *left, const void *right)
{
    const struct finding *a = left, *b = right;
    int order = compare_strings(a->where.file, b->where.file);
    if (order)
        return order;
    if (a->where.line != b->where.line)
        return a->where.line < b->where.line ? -1 : 1;
    if (a->where.column != b->where.column)
        return a->where.column < b->where.column ? -1 : 1;
    order = strcmp(a->code, b->code);
    if (order)
        return order;
    return compare_strings(a->message, b->message);
}

static void finding_free(struct finding *finding)
{
    source_span_free(&finding->where);
    free(finding->message);
    for (size_t i = 0; i < finding->note_count; i++) {
        source_span_free(&finding->notes[i].where);
        free(finding->notes[i].message);
    }
    free(finding->notes);
    for (size_t i = 0; i < finding->fix_count; i++) {
        free(finding->fixes[i].file);
        free(finding->fixes[i].replacement);
    }
    free(finding->fixes);
    free(finding->suppression_reason);
    free(finding->fingerprint);
}

void finding_list_sort_unique(struct finding_list *list)
{
    if (list->count < 2)
        return;
    qsort(list->items, list->count, sizeof *list->items, compare_findings);
    size_t kept = 1;
    for (size_t i = 1; i < list->count; i++) {
        if (compare_findings(&list->items[kept - 1], &list->items[i]) == 0)
            finding_free(&list->items[i]);
        else
            list->items[kept++] = list->items[i];
    }
    list->count = kept;
}

void finding_list_drop(struct finding_list *list, const bool *dropped)
{
    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (dropped[i])
            finding_free(&list->items[i]);
        else
            list->items[kept++] = list->items[i];
    }
    list->count = kept;
}

int finding_compare(const struct finding *a, const struct finding *b)
{
    return compare_findings(a, b);
}

void finding_list_take(struct finding_list *from, const bool *which, struct finding_list *to)
{
    size_t kept = 0;
    for (size_t i = 0; i < from->count; i++) {
        if (which[i])
            *finding_list_add(to) = from->items[i];
        else
            from->items[kept++] = from->items[i];
    }
    from->count = kept;
}

void finding_list_free(struct finding_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        finding_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}
