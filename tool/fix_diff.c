/* fix_diff.c - unified diffs from planned edits (see fix_diff.h). */
#include "fix_diff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

enum { CONTEXT_LINES = 3 };

/* Byte offsets where each line starts: lines[k] for 0 <= k < count, and
 * lines[count] == size. A final line without newline is still a line. */
struct line_table {
    size_t *starts;
    size_t count;
    bool open_last;   /* the last line has no newline */
};

static struct line_table split_lines(const char *text, size_t size)
{
    struct line_table table = {xmalloc((size + 2) * sizeof(size_t)), 0, size > 0 && text[size - 1] != '\n'};
    size_t begin = 0;
    while (begin < size) {
        table.starts[table.count++] = begin;
        const char *newline = memchr(text + begin, '\n', size - begin);
        begin = newline ? (size_t)(newline - text) + 1 : size;
    }
    table.starts[table.count] = size;
    return table;
}

/* The line holding `offset`; the end of the file belongs to an open last
 * line, else to the empty line `count` after the last newline. */
static size_t line_of(const struct line_table *table, size_t offset)
{
    size_t low = 0, high = table->count;
    while (low < high) {   /* the last line starting at or before offset */
        size_t middle = (low + high) / 2;
        if (table->starts[middle] <= offset)
            low = middle + 1;
        else
            high = middle;
    }
    if (low == 0)
        return 0;
    size_t line = low - 1;
    return offset >= table->starts[line + 1] && !table->open_last ? table->count : line;
}

/* One change: old lines [old_begin, old_end) become new_text's lines. */
struct change {
    size_t old_begin, old_end;
    char *new_text;
    struct line_table new_lines;
};

static bool same_line(const char *a, size_t a_begin, size_t a_end, const char *b, size_t b_begin, size_t b_end)
{
    return a_end - a_begin == b_end - b_begin && memcmp(a + a_begin, b + b_begin, a_end - a_begin) == 0;
}

/* Builds the changes from the edits: edits on the same or touching lines
 * form one block, which is then trimmed of unchanged leading and trailing
 * lines. */
static size_t collect_changes(const struct plan_file *file, const struct line_table *old, struct change **changes)
{
    size_t count = 0;
    *changes = NULL;
    size_t i = 0;
    while (i < file->edit_count) {
        size_t first_line = line_of(old, file->edits[i].offset);
        size_t last_line = first_line;   /* inclusive; == old->count for the end of the file */
        size_t j = i;
        struct strbuf text = STRBUF_INIT;
        size_t at = old->starts[first_line < old->count ? first_line : old->count];
        for (; j < file->edit_count; j++) {
            const struct plan_edit *edit = &file->edits[j];
            size_t edit_first = line_of(old, edit->offset);
            if (j > i && edit_first > last_line + 1)   /* edits on adjacent lines read better as one block */
                break;
            size_t edit_end = (size_t)edit->offset + edit->length;
            size_t edit_last = edit->length ? line_of(old, edit_end - 1) : edit_first;
            if (edit_last > last_line)
                last_line = edit_last;
            strbuf_append_n(&text, file->contents + at, edit->offset - at);
            strbuf_append(&text, edit->replacement);
            at = edit_end;
        }
        size_t block_end = last_line < old->count ? old->starts[last_line + 1] : old->starts[old->count];
        strbuf_append_n(&text, file->contents + at, block_end - at);
        size_t old_begin = first_line < old->count ? first_line : old->count;
        size_t old_end = last_line < old->count ? last_line + 1 : old->count;

        struct change change = {old_begin, old_end, strbuf_take(&text), {NULL, 0, false}};
        change.new_lines = split_lines(change.new_text, strlen(change.new_text));
        /* Trim lines the edits left unchanged, from both ends. */
        size_t new_begin = 0, new_end = change.new_lines.count;
        while (change.old_begin < change.old_end && new_begin < new_end &&
               same_line(file->contents, old->starts[change.old_begin], old->starts[change.old_begin + 1],
                         change.new_text, change.new_lines.starts[new_begin], change.new_lines.starts[new_begin + 1])) {
            change.old_begin++;
            new_begin++;
        }
        while (change.old_begin < change.old_end && new_begin < new_end &&
               same_line(file->contents, old->starts[change.old_end - 1], old->starts[change.old_end], change.new_text,
                         change.new_lines.starts[new_end - 1], change.new_lines.starts[new_end])) {
            change.old_end--;
            new_end--;
        }
        if (change.old_begin == change.old_end && new_begin == new_end) {
            free(change.new_text);
            free(change.new_lines.starts);
        } else {
            /* Keep only the changed new lines: shift them to the front. */
            size_t kept = new_end - new_begin;
            memmove(change.new_lines.starts, change.new_lines.starts + new_begin, (kept + 1) * sizeof(size_t));
            change.new_lines.count = kept;
            *changes = xrealloc(*changes, (count + 1) * sizeof **changes);
            (*changes)[count++] = change;
        }
        i = j;
    }
    return count;
}

static void append_line(struct strbuf *out, char prefix, const char *text, size_t begin, size_t end)
{
    strbuf_append_char(out, prefix);
    strbuf_append_n(out, text + begin, end - begin);
    if (end == begin || text[end - 1] != '\n')
        strbuf_append(out, "\n\\ No newline at end of file\n");
}

/* "@@ -A,B +C,D @@": a range of zero lines names the line before it. */
static void append_range(struct strbuf *out, char sign, size_t begin, size_t count)
{
    strbuf_printf(out, "%c%zu,%zu", sign, count ? begin + 1 : begin, count);
}

char *fix_diff_text(const char *path, const struct plan_file *file)
{
    struct line_table old = split_lines(file->contents, file->size);
    struct change *changes;
    size_t change_count = collect_changes(file, &old, &changes);
    struct strbuf out = STRBUF_INIT;
    strbuf_append(&out, "");
    if (change_count)
        strbuf_printf(&out, "--- a/%s\n+++ b/%s\n", path, path);
    long long delta = 0;   /* new line number minus old line number before the current hunk */
    size_t first = 0;
    while (first < change_count) {
        /* Changes whose context windows touch share a hunk. */
        size_t last = first;
        while (last + 1 < change_count &&
               changes[last + 1].old_begin - changes[last].old_end <= 2 * CONTEXT_LINES)
            last++;
        size_t hunk_begin = changes[first].old_begin > CONTEXT_LINES ? changes[first].old_begin - CONTEXT_LINES : 0;
        size_t hunk_end = changes[last].old_end + CONTEXT_LINES < old.count ? changes[last].old_end + CONTEXT_LINES
                                                                            : old.count;
        size_t old_count = hunk_end - hunk_begin, new_count = old_count;
        for (size_t k = first; k <= last; k++)
            new_count = new_count - (changes[k].old_end - changes[k].old_begin) + changes[k].new_lines.count;
        strbuf_append(&out, "@@ ");
        append_range(&out, '-', hunk_begin, old_count);
        strbuf_append(&out, " ");
        append_range(&out, '+', (size_t)((long long)hunk_begin + delta), new_count);
        strbuf_append(&out, " @@\n");
        size_t line = hunk_begin;
        for (size_t k = first; k <= last; k++) {
            const struct change *change = &changes[k];
            for (; line < change->old_begin; line++)
                append_line(&out, ' ', file->contents, old.starts[line], old.starts[line + 1]);
            for (; line < change->old_end; line++)
                append_line(&out, '-', file->contents, old.starts[line], old.starts[line + 1]);
            for (size_t n = 0; n < change->new_lines.count; n++)
                append_line(&out, '+', change->new_text, change->new_lines.starts[n], change->new_lines.starts[n + 1]);
            delta += (long long)change->new_lines.count - (long long)(change->old_end - change->old_begin);
        }
        for (; line < hunk_end; line++)
            append_line(&out, ' ', file->contents, old.starts[line], old.starts[line + 1]);
        first = last + 1;
    }
    for (size_t k = 0; k < change_count; k++) {
        free(changes[k].new_text);
        free(changes[k].new_lines.starts);
    }
    free(changes);
    free(old.starts);
    return strbuf_take(&out);
}
