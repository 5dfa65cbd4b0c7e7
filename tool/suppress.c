/* suppress.c - what the suppression comments of suppress_comments.c mean
 * for a list of findings: which lines each ID covers, which findings it
 * hides, and the UM0002 / UM0003 diagnostics about the comments. */
#include "suppress.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "rules/registry.h"
#include "printable.h"
#include "strbuf.h"
#include "suppress_comments.h"

enum { NO_CLOSER = -1 };

/* One ID of one directive, with the lines it covers. */
struct covered_id {
    size_t directive, id;
    bool ours;        /* a umalint ID (NOLINT may also name clang-tidy checks) */
    bool known;       /* matches at least one check */
    bool any_enabled; /* ... of which at least one is enabled */
    bool used;
    bool unclosed;    /* a disable block without its enable */
    unsigned first_line, last_line;    /* 0, 0: covers nothing */
    long closer_directive, closer_id;  /* the enable that ends a block */
};

struct file_suppressions {
    const struct fact_file *file;
    struct suppression_list directives;
    struct covered_id *ids;
    size_t id_count;
};

static bool id_matches_rule(const char *id, const struct rule_info *rule)
{
    return fnmatch(id, rule->code, 0) == 0 || fnmatch(id, rule->name, 0) == 0;
}

static bool is_suppression_rule(const char *code)
{
    return strcmp(code, "UM0002") == 0 || strcmp(code, "UM0003") == 0;
}

static void classify_id(const char *text, bool is_nolint, const bool *enabled, struct covered_id *id)
{
    for (size_t i = 0; i < rule_registry_count; i++) {
        if (!id_matches_rule(text, &rule_registry[i]))
            continue;
        id->known = true;
        id->any_enabled |= enabled[i];
    }
    /* NOLINT(...) lists may name clang-tidy checks too; only ours count. */
    id->ours = !is_nolint || id->known || strncmp(text, "UM", 2) == 0;
}

static struct covered_id *find_id(struct file_suppressions *file, size_t directive, size_t id)
{
    for (size_t i = 0; i < file->id_count; i++)
        if (file->ids[i].directive == directive && file->ids[i].id == id)
            return &file->ids[i];
    return NULL;
}

/* Resolves every ID to the lines it covers; disable blocks are closed by
 * the nearest following enable naming the same ID in the same spelling
 * family (umalint-enable for umalint-disable, NOLINTEND for NOLINTBEGIN). */
static void resolve(struct file_suppressions *file, const bool *enabled)
{
    const struct suppression_list *list = &file->directives;
    size_t total = 0;
    for (size_t d = 0; d < list->count; d++)
        total += list->items[d].id_count;
    file->ids = xcalloc(total + 1, sizeof *file->ids);
    for (size_t d = 0; d < list->count; d++) {
        const struct suppression_directive *directive = &list->items[d];
        for (size_t k = 0; k < directive->id_count; k++) {
            struct covered_id *id = &file->ids[file->id_count++];
            id->directive = d;
            id->id = k;
            id->closer_directive = id->closer_id = NO_CLOSER;
            classify_id(directive->ids[k].text, directive->is_nolint, enabled, id);
            switch (directive->kind) {
            case SUPPRESS_LINE: id->first_line = id->last_line = directive->line; break;
            case SUPPRESS_NEXT_LINE: id->first_line = id->last_line = directive->end_line + 1; break;
            case SUPPRESS_FILE: id->first_line = 1, id->last_line = UINT_MAX; break;
            case SUPPRESS_BEGIN: id->first_line = directive->line, id->last_line = UINT_MAX, id->unclosed = true; break;
            case SUPPRESS_END:
            case SUPPRESS_UNKNOWN: break;
            }
            if (directive->kind != SUPPRESS_END)
                continue;
            /* Close the most recent open block of the same ID. */
            for (size_t open = file->id_count - 1; open-- > 0;) {
                struct covered_id *candidate = &file->ids[open];
                const struct suppression_directive *begin = &list->items[candidate->directive];
                if (begin->kind == SUPPRESS_BEGIN && candidate->unclosed && begin->is_nolint == directive->is_nolint &&
                    strcmp(begin->ids[candidate->id].text, directive->ids[k].text) == 0) {
                    candidate->unclosed = false;
                    candidate->last_line = directive->line;
                    candidate->closer_directive = (long)d;
                    candidate->closer_id = (long)k;
                    id->closer_directive = (long)candidate->directive;   /* matched: remember its disable */
                    id->closer_id = (long)candidate->id;
                    break;
                }
            }
        }
    }
}

/* ---- spans and fixes ------------------------------------------------------ */

static void span_at(const struct fact_file *file, unsigned offset, unsigned length, struct source_span *span)
{
    memset(span, 0, sizeof *span);
    span->file = xstrdup(file->path);
    unsigned line = 1, column = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < file->size; i++) {
        if (file->contents[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    column = (unsigned)(offset - line_start + 1);
    size_t line_end = line_start;
    while (line_end < file->size && file->contents[line_end] != '\n' && file->contents[line_end] != '\r')
        line_end++;
    span->line = span->end_line = line;
    span->column = column;
    /* The highlighted range stays on the first line. */
    size_t end = offset + length < line_end ? offset + length : line_end;
    span->end_column = (unsigned)(end - line_start + 1);
    span->offset = offset;
    span->length = (unsigned)(end - offset);
    span->line_text = xstrndup(file->contents + line_start, line_end - line_start);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* The bytes to delete to remove a whole comment: with its line when the
 * comment is alone on it, else with the blanks that separate it from code. */
static void comment_deletion(const struct fact_file *file, const struct suppression_directive *directive,
                             unsigned *offset, unsigned *length)
{
    const char *text = file->contents;
    size_t start = directive->comment_offset, end = start + directive->comment_length;
    size_t left = start, right = end;
    while (left > 0 && is_blank(text[left - 1]))
        left--;
    while (right < file->size && (is_blank(text[right]) || text[right] == '\r'))
        right++;
    bool alone_left = left == 0 || text[left - 1] == '\n';
    bool alone_right = right >= file->size || text[right] == '\n';
    if (alone_left && alone_right) {
        if (right < file->size)
            right++;   /* the newline */
        start = left, end = right;
    } else if (alone_right) {
        start = left;  /* a trailing comment after code */
    } else {
        end = right;   /* code follows a block comment */
        while (end > start && text[end - 1] == '\r')
            end--;
    }
    *offset = (unsigned)start;
    *length = (unsigned)(end - start);
}

/* True when the comment holds nothing but this NOLINT directive (and its reason). */
static bool nolint_fills_comment(const struct fact_file *file, const struct suppression_directive *directive)
{
    for (unsigned i = directive->comment_offset + 2; i < directive->directive_offset; i++) {
        char c = file->contents[i];
        if (!is_blank(c) && c != '/' && c != '*' && c != '!')
            return false;
    }
    return true;
}

/* Adds the edit that removes the IDs marked in `remove` from `directive`. */
static void add_removal_edit(struct finding *finding, const struct fact_file *file,
                             const struct suppression_directive *directive, const bool *remove)
{
    struct strbuf kept = STRBUF_INIT;
    size_t kept_count = 0;
    for (size_t k = 0; k < directive->id_count; k++) {
        if (remove[k])
            continue;
        if (kept_count++)
            strbuf_append(&kept, ", ");
        strbuf_append(&kept, directive->ids[k].text);
    }
    unsigned offset, length;
    if (kept_count > 0) {
        finding_add_fix(finding, file->path, directive->list_offset, directive->list_length, kept.data);
    } else if (!directive->is_nolint || nolint_fills_comment(file, directive)) {
        comment_deletion(file, directive, &offset, &length);
        finding_add_fix(finding, file->path, offset, length, "");
    } else {
        finding_add_fix(finding, file->path, directive->directive_offset, directive->directive_length, "");
    }
    strbuf_free(&kept);
}

/* ---- the diagnostics about the comments ------------------------------------ */

static const struct rule_info *enabled_rule(const char *code, const bool *enabled)
{
    const struct rule_info *rule = rule_find(code);
    return rule && enabled[rule - rule_registry] ? rule : NULL;
}

static struct finding *report(struct finding_list *findings, const struct rule_info *rule,
                              const struct fact_file *file, const struct suppression_directive *directive,
                              const char *message)
{
    struct finding *finding = finding_list_add(findings);
    finding->code = rule->code;
    finding->name = rule->name;
    finding->severity = rule->severity;
    unsigned length = directive->directive_length ? directive->directive_length : (unsigned)strlen(directive->keyword);
    span_at(file, directive->directive_offset, length, &finding->where);
    finding->message = xstrdup(message);
    return finding;
}

static void join_ids(struct strbuf *out, const struct suppression_directive *directive, const bool *selected)
{
    size_t count = 0;
    for (size_t k = 0; k < directive->id_count; k++)
        if (selected[k]) {
            char *quoted = printable(directive->ids[k].text, 80);   /* an ID is any bytes but blanks and commas */
            strbuf_printf(out, "%s%s", count++ ? ", " : "", quoted);
            free(quoted);
        }
}

static const char *closing_keyword(const struct suppression_directive *directive)
{
    return directive->is_nolint ? "NOLINTEND" : "umalint-enable";
}

static const char *opening_keyword(const struct suppression_directive *directive)
{
    return directive->is_nolint ? "NOLINTBEGIN" : "umalint-disable";
}

/* UM0003: blocks that are never closed, and enables that close nothing. */
static void report_unmatched(struct file_suppressions *file, const struct rule_info *rule,
                             struct finding_list *findings)
{
    const struct suppression_list *list = &file->directives;
    for (size_t d = 0; d < list->count; d++) {
        const struct suppression_directive *directive = &list->items[d];
        if (directive->kind != SUPPRESS_BEGIN && directive->kind != SUPPRESS_END)
            continue;
        bool *selected = xcalloc(directive->id_count + 1, sizeof *selected);
        bool any = false;
        for (size_t k = 0; k < directive->id_count; k++) {
            const struct covered_id *id = find_id(file, d, k);
            if (!id || !id->ours)
                continue;
            selected[k] = directive->kind == SUPPRESS_BEGIN ? id->unclosed : id->closer_directive == NO_CLOSER;
            any |= selected[k];
        }
        if (any) {
            struct strbuf ids = STRBUF_INIT, message = STRBUF_INIT;
            join_ids(&ids, directive, selected);
            if (directive->kind == SUPPRESS_BEGIN)
                strbuf_printf(&message, "%s %s has no matching %s after it; it suppresses to the end of the file",
                              directive->keyword, ids.data, closing_keyword(directive));
            else
                strbuf_printf(&message, "%s %s has no matching %s before it", directive->keyword, ids.data,
                              opening_keyword(directive));
            report(findings, rule, file->file, directive, message.data);
            strbuf_free(&ids);
            strbuf_free(&message);
        }
        free(selected);
    }
}

/* UM0002 for one directive: unknown directives, directives without IDs,
 * IDs that match no check, and (when `judge_use`) IDs that suppressed
 * nothing although a check they name ran. */
static void report_unused_directive(struct file_suppressions *file, size_t d, const struct rule_info *rule,
                                    bool judge_use, struct finding_list *findings)
{
    const struct suppression_directive *directive = &file->directives.items[d];
    if (directive->kind == SUPPRESS_UNKNOWN) {
        char *message = xasprintf("unknown directive '%s' (expected umalint-disable-line, umalint-disable-next-line, "
                                  "umalint-disable, umalint-enable or umalint-disable-file)",
                                  directive->keyword);
        report(findings, rule, file->file, directive, message);
        free(message);
        return;
    }
    if (directive->kind == SUPPRESS_END)
        return;   /* judged with the disable it closes */
    if (directive->id_count == 0) {
        if (!directive->is_nolint) {
            char *message = xasprintf("%s names no check, so it suppresses nothing; rule IDs are mandatory, "
                                      "e.g. %s UM1001 -- reason",
                                      directive->keyword, directive->keyword);
            report(findings, rule, file->file, directive, message);
            free(message);
        }
        return;
    }
    bool *unused = xcalloc(directive->id_count + 1, sizeof *unused);
    bool *unknown = xcalloc(directive->id_count + 1, sizeof *unknown);
    bool any_unused = false, any_unknown = false;
    for (size_t k = 0; k < directive->id_count; k++) {
        const struct covered_id *id = find_id(file, d, k);
        if (!id || !id->ours)
            continue;
        unknown[k] = !id->known;
        unused[k] = judge_use && id->known && id->any_enabled && !id->used;
        any_unknown |= unknown[k];
        any_unused |= unused[k];
    }
    if (any_unused || any_unknown) {
        struct strbuf message = STRBUF_INIT, ids = STRBUF_INIT;
        if (any_unused) {
            join_ids(&ids, directive, unused);
            strbuf_printf(&message, "unused suppression: no %s finding here to suppress", ids.data);
        }
        if (any_unknown) {
            strbuf_free(&ids);
            join_ids(&ids, directive, unknown);
            strbuf_printf(&message, "%s%s %s no umalint check", any_unused ? "; " : "", ids.data,
                          strchr(ids.data, ',') ? "match" : "matches");
        }
        struct finding *finding = report(findings, rule, file->file, directive, message.data);
        bool *remove = xcalloc(directive->id_count + 1, sizeof *remove);
        for (size_t k = 0; k < directive->id_count; k++)
            remove[k] = unused[k] || unknown[k];
        add_removal_edit(finding, file->file, directive, remove);
        /* A disable block's IDs go from its enable too, or that enable would be left unmatched. */
        const struct suppression_list *list = &file->directives;
        for (size_t e = d + 1; e < list->count; e++) {
            const struct suppression_directive *closer = &list->items[e];
            if (closer->kind != SUPPRESS_END)
                continue;
            bool *remove_closer = xcalloc(closer->id_count + 1, sizeof *remove_closer);
            bool any = false;
            for (size_t k = 0; k < closer->id_count; k++) {
                const struct covered_id *id = find_id(file, e, k);
                if (id && id->closer_directive == (long)d && remove[id->closer_id])
                    remove_closer[k] = any = true;
            }
            if (any)
                add_removal_edit(finding, file->file, closer, remove_closer);
            free(remove_closer);
        }
        finding->fix_is_safe = true;
        free(remove);
        strbuf_free(&message);
        strbuf_free(&ids);
    }
    free(unused);
    free(unknown);
}

/* ---- marking the findings ---------------------------------------------------- */

static struct file_suppressions *file_of(struct file_suppressions *files, size_t count, const char *path)
{
    for (size_t i = 0; path && i < count; i++)
        if (strcmp(files[i].file->path, path) == 0)
            return &files[i];
    return NULL;
}

static void mark(struct file_suppressions *file, struct finding *finding)
{
    const struct rule_info *rule = rule_find(finding->code);
    for (size_t i = 0; i < file->id_count; i++) {
        struct covered_id *id = &file->ids[i];
        if (!id->ours || finding->where.line < id->first_line || finding->where.line > id->last_line)
            continue;
        const struct suppression_directive *directive = &file->directives.items[id->directive];
        const char *text = directive->ids[id->id].text;
        bool matches = rule ? id_matches_rule(text, rule)
                            : fnmatch(text, finding->code, 0) == 0 || fnmatch(text, finding->name, 0) == 0;
        if (!matches)
            continue;
        id->used = true;
        if (!finding->suppressed) {
            finding->suppressed = true;
            finding->suppression_reason = directive->reason ? xstrdup(directive->reason) : NULL;
        }
    }
}

void suppress_findings(const struct facts *facts, const bool *enabled, struct finding_list *findings)
{
    if (facts->file_count == 0)
        return;
    struct file_suppressions *files = xcalloc(facts->file_count, sizeof *files);
    size_t file_count = 0;
    for (unsigned i = 0; i < facts->file_count; i++) {
        struct file_suppressions *file = &files[file_count];
        file->file = facts->files[i];
        suppressions_parse(file->file->contents, file->file->size, &file->directives);
        if (file->directives.count == 0)
            continue;
        resolve(file, enabled);
        file_count++;
    }
    size_t original_count = findings->count;
    bool main_has_parse_errors = false;
    for (size_t i = 0; i < original_count; i++) {
        struct finding *finding = &findings->items[i];
        if (strcmp(finding->code, "UM0001") == 0 && finding->where.file &&
            strcmp(finding->where.file, facts->main_file) == 0)
            main_has_parse_errors = true;
        if (is_suppression_rule(finding->code))
            continue;
        struct file_suppressions *file = file_of(files, file_count, finding->where.file);
        if (file)
            mark(file, finding);
    }
    const struct rule_info *unused_rule = enabled_rule("UM0002", enabled);
    const struct rule_info *unmatched_rule = enabled_rule("UM0003", enabled);
    for (size_t f = 0; f < file_count; f++) {
        struct file_suppressions *file = &files[f];
        bool judge_use = file->file->is_main && !main_has_parse_errors;
        if (unused_rule)
            for (size_t d = 0; d < file->directives.count; d++)
                report_unused_directive(file, d, unused_rule, judge_use, findings);
        if (unmatched_rule)
            report_unmatched(file, unmatched_rule, findings);
    }
    for (size_t f = 0; f < file_count; f++) {
        suppression_list_free(&files[f].directives);
        free(files[f].ids);
    }
    /* Files without directives were parsed into their slot and left there. */
    if (file_count < facts->file_count)
        suppression_list_free(&files[file_count].directives);
    free(files);
}
