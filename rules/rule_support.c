/* rule_support.c - small helpers shared by the rules: reporting findings at
 * fact nodes, naming calls, comparing and reading the source text of
 * nodes and macro invocation arguments. */
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "tool/strbuf.h"

/* The text of the line holding `offset`, without its newline. */
static char *line_text_at(const struct facts *facts, const char *path, unsigned offset)
{
    const struct fact_file *file = path ? facts_find_file(facts, path) : NULL;
    if (!file || offset > file->size)
        return NULL;
    unsigned begin = offset, end = offset;
    while (begin > 0 && file->contents[begin - 1] != '\n')
        begin--;
    while (end < file->size && file->contents[end] != '\n' && file->contents[end] != '\r')
        end++;
    return xstrndup(file->contents + begin, end - begin);
}

void rule_span_from_node(const struct facts *facts, const struct fact_node *node, struct source_span *span)
{
    memset(span, 0, sizeof *span);
    span->file = xstrdup(node->file ? node->file : facts->main_file);
    span->line = node->line;
    span->column = node->column;
    span->end_line = node->end_line;
    span->end_column = node->end_column;
    span->offset = node->offset;
    span->length = node->end_offset > node->offset ? node->end_offset - node->offset : 0;
    span->line_text = line_text_at(facts, node->file, node->offset);
}

struct finding *rule_report(struct rule_context *context, const struct fact_node *node,
                            enum severity severity, const char *message)
{
    struct finding *finding = finding_list_add(context->findings);
    finding->code = context->rule->code;
    finding->name = context->rule->name;
    finding->severity = severity;
    rule_span_from_node(context->facts, node, &finding->where);
    finding->message = xstrdup(message);
    return finding;
}

void rule_note(struct rule_context *context, struct finding *finding, const struct fact_node *node,
               const char *message)
{
    struct source_span span;
    rule_span_from_node(context->facts, node, &span);
    finding_add_note(finding, &span, message);
    source_span_free(&span);
}

void rule_fix_replace(struct finding *finding, const struct fact_node *node, const char *replacement)
{
    finding_add_fix(finding, finding->where.file, node->offset, node->end_offset - node->offset, replacement);
}

char *rule_squeezed_text(const char *text)
{
    char *out = xstrdup(text ? text : ""), *p = out;
    for (const char *q = out; *q; q++)
        if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
            *p++ = *q;
    *p = 0;
    return out;
}

const char *rule_call_name(const struct fact_node *call)
{
    return call->macro ? call->macro : call->name;
}

bool rule_call_is(const struct fact_node *call, const char *name)
{
    return (call->macro && strcmp(call->macro, name) == 0) ||
           (!call->macro && call->name && strcmp(call->name, name) == 0);
}

static char *trimmed_copy(const char *begin, const char *end)
{
    while (begin < end && (*begin == ' ' || *begin == '\t' || *begin == '\n' || *begin == '\r'))
        begin++;
    while (end > begin && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
        end--;
    return xstrndup(begin, (size_t)(end - begin));
}

unsigned rule_invocation_arguments(const char *text, char **arguments, unsigned max_arguments)
{
    const char *open = text ? strchr(text, '(') : NULL;
    if (!open)
        return 0;
    unsigned count = 0, depth = 0;
    const char *start = open + 1;
    char quote = 0;
    for (const char *p = start; *p; p++) {
        if (quote) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == quote)
                quote = 0;
            continue;
        }
        switch (*p) {
        case '"': case '\'': quote = *p; break;
        case '(': case '[': case '{': depth++; break;
        case ')': case ']': case '}':
            if (depth == 0) {
                if (count < max_arguments && (p > start || count > 0))
                    arguments[count++] = trimmed_copy(start, p);
                return count;
            }
            depth--;
            break;
        case ',':
            if (depth == 0) {
                if (count < max_arguments)
                    arguments[count++] = trimmed_copy(start, p);
                start = p + 1;
            }
            break;
        default: break;
        }
    }
    rule_free_strings(arguments, count);
    return 0;
}

void rule_free_strings(char **strings, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        free(strings[i]);
        strings[i] = NULL;
    }
}

static void walk(const struct fact_node *node, const struct fact_function *function,
                 void (*visit)(const struct fact_node *, const struct fact_function *, void *), void *data)
{
    if (!node)
        return;
    visit(node, function, data);
    for (unsigned i = 0; i < node->child_count; i++)
        walk(node->children[i], function, visit, data);
}

void rule_for_each_node(const struct facts *facts,
                        void (*visit)(const struct fact_node *, const struct fact_function *, void *),
                        void *data)
{
    for (unsigned i = 0; i < facts->function_count; i++)
        walk(facts->functions[i]->body, facts->functions[i], visit, data);
}
