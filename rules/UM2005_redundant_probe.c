/* UM2005 redundant-probe: a ProbeForRead/ProbeForWrite whose pointer is
 * afterwards only touched through usermode_accessors.h calls.
 *
 * Every accessor checks the user range itself (down-level: its own
 * ProbeForRead), so such a probe only costs time and, for ProbeForWrite,
 * touches every page of the buffer. It is reported as a note with an unsafe
 * fix that deletes the statement, and the declaration of a local that only
 * the probe used (`ULONG InputLength = ...;`), which would be left unused;
 * when such a declaration cannot go (its initialiser calls something) the
 * fix is not offered.
 *
 * Deliberately quiet when the probe still does something the accessors do
 * not: a later raw access (UM2001/UM2002 first), the pointer handed to any
 * other function (the callee may rely on the probe), or an alignment check
 * (alignment > 1) that a later non-...Aligned accessor would drop. */
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

struct probe_scope {
    const struct rule_context *context;
    const struct um_access *probe;
    unsigned scope_start;          /* source offset from which later uses count */
    bool passed_on;                /* the pointer is handed to another function */
    const struct fact_node *passed_at;
};

static bool is_logging(const char *name)
{
    static const char *const names[] = {"DbgPrint", "DbgPrintEx", "KdPrint", "KdPrintEx", "TraceEvents", NULL};
    for (unsigned i = 0; name && names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static bool same_file(const struct fact_node *a, const struct fact_node *b)
{
    return a->file && b->file && strcmp(a->file, b->file) == 0;
}

/* A later call that is neither a probe nor an accessor and receives an
 * address inside the probed root. */
static void find_passing_call(const struct fact_node *node, void *data)
{
    struct probe_scope *scope = data;
    if (scope->passed_on || node->kind != NODE_CALL || node == scope->probe->node ||
        !same_file(node, scope->probe->node) || node->offset < scope->scope_start)
        return;
    const char *name = rule_call_name(node);
    if (um_is_probe_name(name) || um_is_accessor_name(name) || is_logging(name) ||
        (node->name && (um_is_accessor_name(node->name) || um_is_probe_name(node->name))))
        return;
    /* Calls inside an accessor macro expansion belong to the accessor. */
    for (const struct fact_node *up = node->parent; up; up = up->parent)
        if (up->macro && um_is_accessor_name(up->macro))
            return;
    for (unsigned i = 0; i < fact_call_arg_count(node); i++) {
        unsigned root;
        const char *prefix;
        if (um_user_pointer(scope->context->user_memory, scope->probe->function, fact_call_arg(node, i), &root,
                            &prefix) &&
            root == scope->probe->root) {
            scope->passed_on = true;
            scope->passed_at = node;
            return;
        }
    }
}

/* Where later uses start: the probe itself, or the enclosing loop, whose
 * next iteration runs the code written before the probe. */
static unsigned scope_start_of(const struct fact_node *probe)
{
    unsigned start = probe->offset;
    for (const struct fact_node *up = probe->parent; up; up = up->parent)
        if (up->kind == NODE_FOR || up->kind == NODE_WHILE || up->kind == NODE_DO)
            start = up->offset;
    return start;
}

static bool is_aligned_accessor(const char *api)
{
    return api && strstr(api, "Aligned") != NULL;
}

/* The deletion of the statement [begin, end) (its `;` included), with the
 * whole line when nothing else is on it. */
static void statement_deletion(const struct fact_file *file, unsigned begin, unsigned end, unsigned *offset,
                               unsigned *length)
{
    const char *text = file->contents;
    unsigned line_begin = begin, line_end = end;
    while (line_begin > 0 && (text[line_begin - 1] == ' ' || text[line_begin - 1] == '\t'))
        line_begin--;
    while (line_end < file->size && (text[line_end] == ' ' || text[line_end] == '\t' || text[line_end] == '\r'))
        line_end++;
    bool alone = (line_begin == 0 || text[line_begin - 1] == '\n') && (line_end >= file->size || text[line_end] == '\n');
    if (alone) {
        begin = line_begin;
        end = line_end < file->size ? line_end + 1 : line_end;
    } else if (line_end + 1 < file->size && text[line_end] == '/' &&
               (text[line_end + 1] == '/' || text[line_end + 1] == '*')) {
        /* Only a comment follows: keep it where the statement began, not
         * behind the statement's indentation plus the gap before it. */
        end = line_end;
    }
    *offset = begin;
    *length = end - begin;
}

/* The deletion of `ProbeForRead(...);`, with the whole line when nothing
 * else is on it. False when the statement cannot be deleted on its own. */
static bool probe_deletion(const struct facts *facts, const struct fact_node *probe, unsigned *offset,
                           unsigned *length)
{
    if (!probe->parent || probe->parent->kind != NODE_COMPOUND)
        return false;  /* the body of an unbraced if/else: deleting it would change the control flow */
    const struct fact_file *file = facts_find_file(facts, probe->file);
    if (!file || probe->end_offset > file->size)
        return false;
    const char *text = file->contents;
    unsigned end = probe->end_offset;
    while (end < file->size && (text[end] == ' ' || text[end] == '\t'))
        end++;
    if (end >= file->size || text[end] != ';')
        return false;
    statement_deletion(file, probe->offset, end + 1, offset, length);
    return true;
}

/* ---- locals only the probe used -------------------------------------------- */

struct local_scan {
    uint64_t key;
    const struct fact_node *skip;          /* the probe: references inside it do not count */
    const struct fact_node *declaration;   /* the VAR_DECL */
    unsigned references;
};

static bool inside(const struct fact_node *node, const struct fact_node *ancestor)
{
    for (; node; node = node->parent)
        if (node == ancestor)
            return true;
    return false;
}

static void count_references(const struct fact_node *node, void *data)
{
    struct local_scan *scan = data;
    if (node->kind == NODE_VAR_DECL && node->decl_key == scan->key)
        scan->declaration = node;
    else if (node->kind == NODE_DECL_REF && node->decl_key == scan->key && !inside(node, scan->skip))
        scan->references++;
}

static void find_side_effect(const struct fact_node *node, void *data)
{
    bool *found = data;
    size_t length = node->op ? strlen(node->op) : 0;
    if (node->kind == NODE_CALL ||
        (node->kind == NODE_UNARY && node->op && (strstr(node->op, "++") || strstr(node->op, "--"))) ||
        (node->kind == NODE_BINARY && length > 0 && node->op[length - 1] == '=' && strcmp(node->op, "==") != 0 &&
         strcmp(node->op, "!=") != 0 && strcmp(node->op, "<=") != 0 && strcmp(node->op, ">=") != 0) ||
        node->type.is_volatile)
        *found = true;
}

/* `ULONG InputLength = IrpSp->...InputBufferLength;` when the probe is
 * its only use: deleting the probe alone would leave an unused variable
 * (a -Werror / MSVC /WX C4189 build break), so the fix deletes both. Only
 * a declaration of that one variable with an initialiser free of side
 * effects; false when a local only the probe uses cannot go (the probe
 * then stays too, the fix is not offered). */
enum { MAX_PROBE_ARGUMENTS = 3 };

struct deletion {
    unsigned offset, length;
};

static bool unused_local_deletions(const struct facts *facts, const struct fact_function *function,
                                   const struct fact_node *probe, struct deletion *deletions, unsigned *count)
{
    *count = 0;
    for (unsigned i = 0; i < fact_call_arg_count(probe) && i < MAX_PROBE_ARGUMENTS; i++) {
        const struct fact_node *argument = fact_strip(fact_call_arg(probe, i));
        if (!argument || argument->kind != NODE_DECL_REF || !argument->decl_key)
            continue;
        struct local_scan scan = {argument->decl_key, probe, NULL, 0};
        fact_walk(function->body, count_references, &scan);
        const struct fact_node *declaration = scan.declaration;
        if (scan.references || !declaration)
            continue;   /* used elsewhere, or not a local of this function */
        const struct fact_node *statement = declaration->parent;
        if (!statement || statement->kind != NODE_DECL_STMT || statement->child_count != 1 || !statement->parent ||
            statement->parent->kind != NODE_COMPOUND || !statement->file || strcmp(statement->file, probe->file) != 0)
            return false;
        bool side_effect = false;
        fact_walk(declaration, find_side_effect, &side_effect);
        const struct fact_file *file = facts_find_file(facts, statement->file);
        if (side_effect || !file || statement->end_offset > file->size || statement->end_offset == 0 ||
            file->contents[statement->end_offset - 1] != ';')
            return false;
        statement_deletion(file, statement->offset, statement->end_offset, &deletions[*count].offset,
                           &deletions[*count].length);
        ++*count;
    }
    return true;
}

static void check_probe(struct rule_context *context, const struct um_access *probe)
{
    const struct user_memory *memory = context->user_memory;
    const struct fact_node *call = probe->node;
    const struct fact_node *alignment = fact_call_arg(call, 2);
    if (!call || call->kind != NODE_CALL || call->is_invalid || !alignment || !alignment->has_value)
        return;
    /* Only the explicit probes; ExProbeAlignment inside an ...Aligned macro is the accessor's own. */
    if (!rule_call_is(call, "ProbeForRead") && !rule_call_is(call, "ProbeForWrite"))
        return;
    struct probe_scope scope = {context, probe, scope_start_of(call), false, NULL};
    const struct um_access *first_accessor = NULL;
    struct strbuf accessors = STRBUF_INIT;
    bool redundant = true;
    for (unsigned i = 0; i < memory->access_count && redundant; i++) {
        const struct um_access *access = &memory->accesses[i];
        if (access == probe || access->function != probe->function || access->root != probe->root ||
            !access->node || !same_file(access->node, call) || access->node->offset < scope.scope_start)
            continue;
        if (access->kind == UM_ACCESS_PROBE)
            continue;  /* another probe is judged on its own */
        if (access->kind != UM_ACCESS_ACCESSOR) {
            redundant = false;  /* a raw access still relies on the probe */
            continue;
        }
        if (access->node->offset < call->offset)
            continue;  /* an accessor earlier in the same loop: fine either way */
        if (alignment->value > 1 && !is_aligned_accessor(access->api))
            redundant = false;  /* the probe's alignment check would be lost */
        if (!first_accessor)
            first_accessor = access;
        if (access->api && (!accessors.data || !strstr(accessors.data, access->api)))
            strbuf_printf(&accessors, "%s%s", accessors.length ? ", " : "", access->api);
    }
    if (redundant && first_accessor && probe->function && probe->function->body)
        fact_walk(probe->function->body, find_passing_call, &scope);
    if (redundant && first_accessor && !scope.passed_on) {
        const struct fact_node *pointer = fact_call_arg(call, 0);
        char *message = xasprintf("%s is redundant: every later use of '%s' is an accessor call "
                                  "(%s), and the accessors probe the user memory themselves; remove the probe",
                                  call->text, pointer && pointer->text ? pointer->text : "?",
                                  accessors.data ? accessors.data : "");
        struct finding *finding = rule_report(context, call, context->rule->severity, message);
        unsigned offset, length, local_count;
        struct deletion locals[MAX_PROBE_ARGUMENTS];
        if (probe_deletion(context->facts, call, &offset, &length) &&
            unused_local_deletions(context->facts, probe->function, call, locals, &local_count)) {
            finding_add_fix(finding, finding->where.file, offset, length, "");
            for (unsigned i = 0; i < local_count; i++)
                finding_add_fix(finding, finding->where.file, locals[i].offset, locals[i].length, "");
            /* The probe may cover a longer range than the accessors touch:
             * deleting it can accept requests that used to fail. */
            finding->fix_is_safe = false;
        }
        rule_note(context, finding, first_accessor->node, "this accessor checks the user range itself");
        free(message);
    }
    strbuf_free(&accessors);
}

static void check_access(struct rule_context *context, const struct um_access *access, void *data)
{
    (void)data;
    if (access->kind == UM_ACCESS_PROBE)
        check_probe(context, access);
}

void rule_redundant_probe(struct rule_context *context)
{
    user_access_for_each(context, check_access, NULL);
}
