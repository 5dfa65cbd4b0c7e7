/* fix_plan.c - choosing the edits --fix, --diff and --export-fixes apply
 * (see fix_plan.h for the rules). */
#include "fix_plan.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void fix_plan_init(struct fix_plan *plan)
{
    memset(plan, 0, sizeof *plan);
}

void fix_plan_free(struct fix_plan *plan)
{
    for (size_t i = 0; i < plan->file_count; i++) {
        struct plan_file *file = &plan->files[i];
        free(file->path);
        free(file->real_path);
        for (size_t j = 0; j < file->edit_count; j++)
            free(file->edits[j].replacement);
        free(file->edits);
    }
    free(plan->files);
    for (size_t i = 0; i < plan->fix_count; i++)
        free(plan->fixes[i].edits);
    free(plan->fixes);
    string_list_free(&plan->notes);
    memset(plan, 0, sizeof *plan);
}

void fix_plan_add(struct fix_plan *plan, const struct finding *finding)
{
    if (finding->fix_count == 0)
        return;
    plan->fixes = xrealloc(plan->fixes, (plan->fix_count + 1) * sizeof *plan->fixes);
    plan->fixes[plan->fix_count++] = (struct plan_fix){finding, NULL, 0, false};
}

/* ---- files ------------------------------------------------------------- */

/* The same header reached as "a/../b/h.h" and "b/h.h" must be one file. */
static char *resolve_path(const char *path)
{
    char resolved[PATH_MAX];
    return realpath(path, resolved) ? xstrdup(resolved) : xstrdup(path);
}

static size_t file_index(struct fix_plan *plan, const char *path)
{
    char *real_path = resolve_path(path);
    for (size_t i = 0; i < plan->file_count; i++) {
        if (strcmp(plan->files[i].real_path, real_path) == 0) {
            free(real_path);
            return i;
        }
    }
    plan->files = xrealloc(plan->files, (plan->file_count + 1) * sizeof *plan->files);
    struct plan_file *file = &plan->files[plan->file_count];
    memset(file, 0, sizeof *file);
    file->path = xstrdup(path);
    file->real_path = real_path;
    return plan->file_count++;
}

/* ---- ordering and de-duplication --------------------------------------- */

static const struct fix_plan *sort_plan;   /* qsort has no context argument */

static int compare_fix_edits(const void *left, const void *right)
{
    const struct plan_fix_edit *a = left, *b = right;
    int order = strcmp(sort_plan->files[a->file].real_path, sort_plan->files[b->file].real_path);
    if (order)
        return order;
    if (a->edit->offset != b->edit->offset)
        return a->edit->offset < b->edit->offset ? -1 : 1;
    if (a->edit->length != b->edit->length)
        return a->edit->length < b->edit->length ? -1 : 1;
    return strcmp(a->edit->replacement, b->edit->replacement);
}

/* Same edits, edit for edit. */
static int compare_edit_lists(const struct plan_fix *a, const struct plan_fix *b)
{
    for (size_t i = 0; i < a->edit_count && i < b->edit_count; i++) {
        int order = compare_fix_edits(&a->edits[i], &b->edits[i]);
        if (order)
            return order;
    }
    return a->edit_count == b->edit_count ? 0 : a->edit_count < b->edit_count ? -1 : 1;
}

/* By where the fix starts (file, offset, length), then by check code, so
 * "first wins" means the earliest edit and, for the same range, the lower
 * code; identical fixes end up next to each other. */
static int compare_fixes(const void *left, const void *right)
{
    const struct plan_fix *a = left, *b = right;
    if (a->edit_count && b->edit_count) {
        const struct plan_fix_edit *x = &a->edits[0], *y = &b->edits[0];
        int order = strcmp(sort_plan->files[x->file].real_path, sort_plan->files[y->file].real_path);
        if (order)
            return order;
        if (x->edit->offset != y->edit->offset)
            return x->edit->offset < y->edit->offset ? -1 : 1;
        if (x->edit->length != y->edit->length)
            return x->edit->length < y->edit->length ? -1 : 1;
    }
    int order = strcmp(a->finding->code, b->finding->code);
    if (order)
        return order;
    order = compare_edit_lists(a, b);
    if (order)
        return order;
    return strcmp(a->finding->message ? a->finding->message : "", b->finding->message ? b->finding->message : "");
}

void fix_plan_prepare(struct fix_plan *plan)
{
    for (size_t i = 0; i < plan->fix_count; i++) {
        struct plan_fix *fix = &plan->fixes[i];
        fix->edit_count = fix->finding->fix_count;
        fix->edits = xcalloc(fix->edit_count, sizeof *fix->edits);
        for (size_t j = 0; j < fix->edit_count; j++) {
            const struct fix_edit *edit = &fix->finding->fixes[j];
            fix->edits[j].edit = edit;
            fix->edits[j].file = file_index(plan, edit->file ? edit->file : fix->finding->where.file);
        }
    }
    sort_plan = plan;
    for (size_t i = 0; i < plan->fix_count; i++)
        qsort(plan->fixes[i].edits, plan->fixes[i].edit_count, sizeof *plan->fixes[i].edits, compare_fix_edits);
    if (plan->fix_count > 1)   /* qsort(NULL, 0, ...) is undefined */
        qsort(plan->fixes, plan->fix_count, sizeof *plan->fixes, compare_fixes);
    /* A header's finding arrives once per translation unit that includes it. */
    size_t kept = 0;
    for (size_t i = 0; i < plan->fix_count; i++) {
        if (kept > 0 && compare_edit_lists(&plan->fixes[kept - 1], &plan->fixes[i]) == 0 &&
            strcmp(plan->fixes[kept - 1].finding->code, plan->fixes[i].finding->code) == 0) {
            free(plan->fixes[i].edits);
            continue;
        }
        plan->fixes[kept++] = plan->fixes[i];
    }
    plan->fix_count = kept;
    sort_plan = NULL;
}

/* ---- conflicts ------------------------------------------------------------ */

static bool same_edit(unsigned offset, unsigned length, const char *replacement, const struct plan_edit *other)
{
    return offset == other->offset && length == other->length && strcmp(replacement, other->replacement) == 0;
}

/* Two edits conflict when their byte ranges overlap, when an insertion falls
 * strictly inside a replaced range, or when two different insertions share
 * an offset (their order would be a guess). An insertion at either end of a
 * replacement is fine: it goes before (at the start) or after (at the end). */
static bool edits_conflict(unsigned offset, unsigned length, const struct plan_edit *other)
{
    unsigned end = offset + length, other_end = other->offset + other->length;
    if (length == 0 && other->length == 0)
        return offset == other->offset;
    if (length == 0)
        return offset > other->offset && offset < other_end;
    if (other->length == 0)
        return other->offset > offset && other->offset < end;
    return offset < other_end && other->offset < end;
}

static void note_dropped(struct fix_plan *plan, const struct plan_fix *fix, const char *reason)
{
    const struct finding *finding = fix->finding;
    char *note = xasprintf("umalint: note: %s:%u:%u: the fix for %s (%s) was not applied: %s", finding->where.file,
                           finding->where.line, finding->where.column, finding->code, finding->name, reason);
    string_list_add(&plan->notes, note);
    free(note);
}

/* The first accepted edit `fix` collides with, or NULL. */
static const struct plan_edit *find_conflict(const struct fix_plan *plan, const struct plan_fix *fix)
{
    for (size_t i = 0; i < fix->edit_count; i++) {
        const struct plan_file *file = &plan->files[fix->edits[i].file];
        const struct fix_edit *edit = fix->edits[i].edit;
        for (size_t j = 0; j < file->edit_count; j++)
            if (!same_edit(edit->offset, edit->length, edit->replacement, &file->edits[j]) &&
                edits_conflict(edit->offset, edit->length, &file->edits[j]))
                return &file->edits[j];
    }
    return NULL;
}

static void add_edit(struct plan_file *file, unsigned offset, unsigned length, char *replacement, size_t fix)
{
    file->edits = xrealloc(file->edits, (file->edit_count + 1) * sizeof *file->edits);
    file->edits[file->edit_count++] = (struct plan_edit){offset, length, replacement, fix};
}

static void accept_fix(struct fix_plan *plan, size_t index, char *(*transform)(const char *))
{
    struct plan_fix *fix = &plan->fixes[index];
    fix->accepted = true;
    plan->accepted_count++;
    for (size_t i = 0; i < fix->edit_count; i++) {
        struct plan_file *file = &plan->files[fix->edits[i].file];
        const struct fix_edit *edit = fix->edits[i].edit;
        bool duplicate = false;
        for (size_t j = 0; j < file->edit_count; j++)
            duplicate |= same_edit(edit->offset, edit->length, edit->replacement, &file->edits[j]);
        if (duplicate)   /* two rules proposing the very same edit: apply it once */
            continue;
        add_edit(file, edit->offset, edit->length,
                 transform ? transform(edit->replacement) : xstrdup(edit->replacement), index);
    }
    /* Count the fix once per file it touches. */
    for (size_t i = 0; i < fix->edit_count; i++)
        if (i == 0 || fix->edits[i].file != fix->edits[i - 1].file)
            plan->files[fix->edits[i].file].fix_count++;
}

/* ---- the accessor include ------------------------------------------------- */

static bool is_identifier_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

bool fix_text_calls_accessor(const char *text)
{
    static const char *const markers[] = {"FromUser", "ToUser", "FromMode", "ToMode", "UserMemory"};
    const char *p = text;
    while (*p) {
        if (!is_identifier_char(*p) || (p > text && is_identifier_char(p[-1]))) {
            p++;
            continue;
        }
        const char *end = p;
        while (is_identifier_char(*end))
            end++;
        const char *after = end;
        while (*after == ' ' || *after == '\t')
            after++;
        if (*after == '(' && !isdigit((unsigned char)*p)) {
            for (size_t i = 0; i < sizeof markers / sizeof *markers; i++) {
                size_t length = strlen(markers[i]);
                for (const char *q = p; q + length <= end; q++)
                    if (memcmp(q, markers[i], length) == 0)
                        return true;
            }
        }
        p = end;
    }
    return false;
}

/* One physical line (a preprocessor line continues over backslash-newline). */
struct line_view {
    size_t begin, end, next;   /* [begin, end) without the newline; next = start of the following line */
};

static struct line_view next_line(const char *contents, size_t size, size_t begin, bool join_continuations)
{
    size_t end = begin;
    for (;;) {
        while (end < size && contents[end] != '\n')
            end++;
        size_t text_end = end > begin && contents[end - 1] == '\r' ? end - 1 : end;
        if (join_continuations && end < size && text_end > begin && contents[text_end - 1] == '\\') {
            end++;
            continue;
        }
        return (struct line_view){begin, text_end, end < size ? end + 1 : size};
    }
}

static size_t skip_blanks(const char *contents, size_t at, size_t end)
{
    while (at < end && (contents[at] == ' ' || contents[at] == '\t' || contents[at] == '\f' || contents[at] == '\v'))
        at++;
    return at;
}

static bool word_at(const char *contents, size_t at, size_t end, const char *word)
{
    size_t length = strlen(word);
    return at + length <= end && memcmp(contents + at, word, length) == 0 &&
           (at + length == end || !is_identifier_char(contents[at + length]));
}

bool fix_has_accessor_include(const char *contents, size_t size)
{
    for (size_t begin = 0; begin < size;) {
        struct line_view line = next_line(contents, size, begin, false);
        size_t at = skip_blanks(contents, line.begin, line.end);
        if (at < line.end && contents[at] == '#') {
            at = skip_blanks(contents, at + 1, line.end);
            if (word_at(contents, at, line.end, "include")) {
                const char *name = "usermode_accessors.h";
                size_t length = strlen(name);
                for (size_t i = at; i + length <= line.end; i++)
                    if (memcmp(contents + i, name, length) == 0 &&
                        (i == at || contents[i - 1] == '<' || contents[i - 1] == '"' || contents[i - 1] == '/'))
                        return true;
            }
        }
        begin = line.next;
    }
    return false;
}

unsigned fix_include_position(const char *contents, size_t size, char **insertion)
{
    bool crlf = false;
    for (size_t i = 0; i < size; i++)
        if (contents[i] == '\n') {
            crlf = i > 0 && contents[i - 1] == '\r';
            break;
        }
    const char *newline = crlf ? "\r\n" : "\n";
    /* The end of the last #include line seen at each nesting depth; a new
     * #if at a depth forgets what was seen deeper before it. */
    enum { MAX_DEPTH = 64 };
    size_t last_include[MAX_DEPTH];
    bool seen[MAX_DEPTH] = {false};
    int depth = 0;
    bool in_comment = false;
    size_t stop = size;
    for (size_t begin = 0; begin < size;) {
        struct line_view line = next_line(contents, size, begin, !in_comment);
        size_t at = skip_blanks(contents, line.begin, line.end);
        /* Comments: skip them whole, including a block comment's lines. */
        while (at < line.end) {
            if (in_comment) {
                while (at + 1 < line.end && !(contents[at] == '*' && contents[at + 1] == '/'))
                    at++;
                if (at + 1 >= line.end) {
                    at = line.end;
                    break;
                }
                in_comment = false;
                at = skip_blanks(contents, at + 2, line.end);
            } else if (at + 1 < line.end && contents[at] == '/' && contents[at + 1] == '*') {
                in_comment = true;
                at += 2;
            } else if (at + 1 < line.end && contents[at] == '/' && contents[at + 1] == '/') {
                at = line.end;
            } else {
                break;
            }
        }
        if (at < line.end && contents[at] == '#') {
            size_t directive = skip_blanks(contents, at + 1, line.end);
            if (word_at(contents, directive, line.end, "include") || word_at(contents, directive, line.end, "import")) {
                if (depth < MAX_DEPTH) {
                    last_include[depth] = line.next;
                    seen[depth] = true;
                }
            } else if (word_at(contents, directive, line.end, "if") ||
                       word_at(contents, directive, line.end, "ifdef") ||
                       word_at(contents, directive, line.end, "ifndef")) {
                depth++;
                if (depth < MAX_DEPTH)
                    seen[depth] = false;
            } else if (word_at(contents, directive, line.end, "endif")) {
                depth = depth > 0 ? depth - 1 : 0;
            }
        } else if (at < line.end) {
            stop = line.begin;   /* the first line of code */
            break;
        }
        begin = line.next;
    }
    size_t position = depth < MAX_DEPTH && seen[depth] ? last_include[depth] : stop;
    bool needs_leading_newline = position > 0 && position == size && contents[size - 1] != '\n';
    *insertion = xasprintf("%s#include <usermode_accessors.h>%s", needs_leading_newline ? newline : "", newline);
    return (unsigned)position;
}

/* ---- resolving --------------------------------------------------------------- */

static int compare_plan_edits(const void *left, const void *right)
{
    const struct plan_edit *a = left, *b = right;
    if (a->offset != b->offset)
        return a->offset < b->offset ? -1 : 1;
    if (a->length != b->length)   /* an insertion before a replacement at the same offset */
        return a->length < b->length ? -1 : 1;
    return a->fix < b->fix ? -1 : a->fix > b->fix;
}

static void add_accessor_include(struct fix_plan *plan, struct plan_file *file)
{
    size_t owner = SIZE_MAX;
    for (size_t i = 0; i < file->edit_count && owner == SIZE_MAX; i++)
        if (fix_text_calls_accessor(file->edits[i].replacement))
            owner = file->edits[i].fix;
    if (owner == SIZE_MAX || fix_has_accessor_include(file->contents, file->size))
        return;
    char *insertion = NULL;
    unsigned position = fix_include_position(file->contents, file->size, &insertion);
    for (size_t i = 0; i < file->edit_count; i++) {
        if (edits_conflict(position, 0, &file->edits[i])) {
            char *note = xasprintf("umalint: note: %s: #include <usermode_accessors.h> was not added: a fix edits "
                                   "the place it would go; add it by hand",
                                   file->path);
            string_list_add(&plan->notes, note);
            free(note);
            free(insertion);
            return;
        }
    }
    add_edit(file, position, 0, insertion, owner);
    file->adds_include = true;
}

void fix_plan_resolve(struct fix_plan *plan, char *(*transform_replacement)(const char *replacement))
{
    for (size_t i = 0; i < plan->fix_count; i++) {
        struct plan_fix *fix = &plan->fixes[i];
        bool refused = false, out_of_range = false;
        for (size_t j = 0; j < fix->edit_count; j++) {
            const struct plan_file *file = &plan->files[fix->edits[j].file];
            const struct fix_edit *edit = fix->edits[j].edit;
            refused |= file->refused;
            out_of_range |= !file->refused && ((size_t)edit->offset + edit->length > file->size);
        }
        if (refused)   /* the file's own note or error already says why */
            continue;
        if (out_of_range) {
            note_dropped(plan, fix, "its range lies outside the file");
            continue;
        }
        const struct plan_edit *other = find_conflict(plan, fix);
        if (other) {
            const struct finding *winner = plan->fixes[other->fix].finding;
            char *reason = xasprintf("it overlaps the fix for %s at %s:%u:%u, which comes first",
                                     winner->code, winner->where.file, winner->where.line, winner->where.column);
            note_dropped(plan, fix, reason);
            free(reason);
            continue;
        }
        accept_fix(plan, i, transform_replacement);
    }
    for (size_t i = 0; i < plan->file_count; i++) {
        struct plan_file *file = &plan->files[i];
        if (file->refused || file->edit_count == 0)
            continue;
        qsort(file->edits, file->edit_count, sizeof *file->edits, compare_plan_edits);
        add_accessor_include(plan, file);
        qsort(file->edits, file->edit_count, sizeof *file->edits, compare_plan_edits);
    }
}

char *fix_plan_apply_edits(const struct plan_file *file, size_t *size)
{
    struct strbuf out = STRBUF_INIT;
    size_t at = 0;
    for (size_t i = 0; i < file->edit_count; i++) {
        const struct plan_edit *edit = &file->edits[i];
        strbuf_append_n(&out, file->contents + at, edit->offset - at);
        strbuf_append(&out, edit->replacement);
        at = (size_t)edit->offset + edit->length;
    }
    strbuf_append_n(&out, file->contents + at, file->size - at);
    *size = out.length;
    return strbuf_take(&out);
}
