/* UM1005 probe-copy-length-mismatch: lengths that do not add up.
 *
 * Two shapes of the same bug class:
 *
 *  1. Beyond the probe. ProbeForRead(p, sizeof(HDR), ...) validates
 *     sizeof(HDR) bytes; a later raw access or memcpy-style copy of p that
 *     reaches further (RtlCopyMemory(&Big, p, sizeof(BIG)), p->FieldBeyondHdr)
 *     touches memory nobody checked, which may be a kernel address. Also a
 *     probe of `InputLength` followed by a copy of an unrelated
 *     `OtherLength` that nothing compares with it.
 *  2. Beyond the kernel buffer. A copy out of user memory into a fixed-size
 *     kernel buffer (array, struct) whose length is neither a constant that
 *     fits nor checked against the buffer before the copy: the classic
 *     user-controlled stack overflow, with or without accessors.
 *
 * Accessor copies are exempt from (1): they validate their own range.
 * Constant sizeof lengths that do not match the destination are UM2004's. */
#include <stdlib.h>
#include <string.h>

#include "rules/bulk_calls.h"
#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

/* ---- expression helpers ------------------------------------------------ */

/* The variables an expression depends on: DECL_REF keys and member-access
 * texts (Captured.Length, IrpSp->Parameters.DeviceIoControl.InputBufferLength). */
struct variables {
    uint64_t keys[16];
    unsigned key_count;
    const char *members[8];
    unsigned member_count;
    bool has_sizeof, has_conditional, has_call;
};

static void collect_variables(const struct fact_node *node, void *data)
{
    struct variables *vars = data;
    if (node->kind == NODE_DECL_REF && node->decl_key && node->type.type_class != TYPE_FUNCTION &&
        vars->key_count < 16)
        vars->keys[vars->key_count++] = node->decl_key;
    else if (node->kind == NODE_MEMBER && node->text && vars->member_count < 8 &&
             (!node->parent || node->parent->kind != NODE_MEMBER))
        vars->members[vars->member_count++] = node->text;
    else if (node->kind == NODE_SIZEOF)
        vars->has_sizeof = true;
    else if (node->kind == NODE_CONDITIONAL)
        vars->has_conditional = true;
    else if (node->kind == NODE_CALL)
        vars->has_call = true;
}

static void variables_of(const struct fact_node *expression, struct variables *vars)
{
    memset(vars, 0, sizeof *vars);
    if (expression)
        fact_walk(expression, collect_variables, vars);
}

/* Does the subtree mention any of the variables? */
struct mention_search {
    const struct variables *vars;
    bool found;
};

static void find_mention(const struct fact_node *node, void *data)
{
    struct mention_search *search = data;
    if (search->found)
        return;
    if (node->kind == NODE_DECL_REF && node->decl_key) {
        for (unsigned i = 0; i < search->vars->key_count; i++)
            if (search->vars->keys[i] == node->decl_key)
                search->found = true;
    } else if (node->kind == NODE_MEMBER && node->text) {
        for (unsigned i = 0; i < search->vars->member_count; i++)
            if (strcmp(search->vars->members[i], node->text) == 0)
                search->found = true;
    }
}

static bool mentions(const struct fact_node *node, const struct variables *vars)
{
    struct mention_search search = {vars, false};
    if (node)
        fact_walk(node, find_mention, &search);
    return search.found;
}

static bool is_comparison(const struct fact_node *node)
{
    static const char *const operators[] = {"<", "<=", ">", ">=", "==", "!=", NULL};
    if (node->kind != NODE_BINARY || !node->op)
        return false;
    for (unsigned i = 0; operators[i]; i++)
        if (strcmp(node->op, operators[i]) == 0)
            return true;
    return false;
}

static bool is_zero(const struct fact_node *node)
{
    node = fact_strip(node);
    return node && node->has_value && node->value == 0;
}

/* Evidence, written before `before`, that a length in `vars` was bounded:
 * a comparison of it with something other than 0 (if (Len > sizeof(Buf)),
 * Len < Min, Len == Other), or an assignment of it from a bounded form
 * (sizeof, ?:, min()). */
struct bound_search {
    const struct variables *vars;
    const struct variables *other;   /* when set, the comparison must mention these too */
    const struct fact_node *before;
    bool found;
};

static void find_bound(const struct fact_node *node, void *data)
{
    struct bound_search *search = data;
    if (search->found || !node->file || !search->before->file || strcmp(node->file, search->before->file) != 0 ||
        node->offset >= search->before->offset)
        return;
    if (is_comparison(node)) {
        const struct fact_node *left = fact_child(node, 0), *right = fact_child(node, 1);
        if (is_zero(left) || is_zero(right))
            return;
        if (mentions(node, search->vars) && (!search->other || mentions(node, search->other)))
            search->found = true;
        return;
    }
    /* Len = min(A, B); Len = A < B ? A : B; ULONG Len = sizeof(Buf); Len = Other */
    const struct fact_node *target = NULL, *value = NULL;
    if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0) {
        target = fact_child(node, 0);
        value = fact_child(node, 1);
    } else if (node->kind == NODE_VAR_DECL && node->child_count > 0) {
        value = node->children[node->child_count - 1];
        target = node;
    }
    if (!target || !value)
        return;
    bool target_is_length = false;
    if (target->kind == NODE_VAR_DECL) {
        for (unsigned i = 0; i < search->vars->key_count; i++)
            target_is_length |= search->vars->keys[i] == target->decl_key;
    } else {
        target_is_length = mentions(target, search->vars);
    }
    if (!target_is_length)
        return;
    struct variables from;
    variables_of(value, &from);
    if (search->other && mentions(value, search->other))
        search->found = true;
}

static bool bounded_before(const struct fact_function *function, const struct variables *vars,
                           const struct variables *other, const struct fact_node *before)
{
    struct bound_search search = {vars, other, before, false};
    if (function && function->body)
        fact_walk(function->body, find_bound, &search);
    return search.found;
}

/* A length that is bounded by how it is written: a constant, a sizeof, a
 * ?: (the usual spelled-out min), a min()/RtlMin...() call, or x & MASK and
 * x % N with a constant. */
static bool is_bounded_form(const struct fact_node *expression)
{
    const struct fact_node *node = fact_strip(expression);
    if (!node)
        return false;
    if (node->has_value || node->kind == NODE_SIZEOF || node->kind == NODE_CONDITIONAL)
        return true;
    if (node->kind == NODE_CALL) {
        const char *name = rule_call_name(node);
        return name && (strstr(name, "min") || strstr(name, "Min") || strstr(name, "MIN"));
    }
    if (node->kind == NODE_BINARY && node->op && (strcmp(node->op, "&") == 0 || strcmp(node->op, "%") == 0)) {
        const struct fact_node *right = fact_strip(fact_child(node, 1));
        return right && right->has_value;
    }
    return false;
}

static bool has_variable(const struct variables *vars, uint64_t key)
{
    for (unsigned i = 0; i < vars->key_count; i++)
        if (vars->keys[i] == key)
            return true;
    return false;
}

/* Follows the assignments (before `before`) that feed the length
 * variables: `Bytes = Count * sizeof(E)` adds Count, so a check of Count
 * counts as a check of Bytes. Sets *bounded when one of them assigns a
 * bounded form. */
struct source_search {
    struct variables *vars;
    const struct fact_node *before;
    bool bounded, grew;
    const struct fact_node *value;   /* the assigned expression being scanned */
};

/* Integer variables a length is computed from (Count in Count * sizeof(E));
 * not pointers, whose checks (InputBufferLength of the IRP they came from)
 * say nothing about the value read through them. */
static void add_integer_source(const struct fact_node *node, void *data)
{
    struct source_search *search = data;
    if (node->kind != NODE_DECL_REF || !node->decl_key || node->type.type_class != TYPE_INTEGER)
        return;
    for (const struct fact_node *up = node->parent; up && up != search->value->parent; up = up->parent)
        if (up->kind == NODE_CALL)
            return;  /* an argument: the call's result is not bounded by it */
    if (!has_variable(search->vars, node->decl_key) && search->vars->key_count < 16) {
        search->vars->keys[search->vars->key_count++] = node->decl_key;
        search->grew = true;
    }
}

static void add_sources(const struct fact_node *node, void *data)
{
    struct source_search *search = data;
    if (!node->file || !search->before->file || strcmp(node->file, search->before->file) != 0 ||
        node->offset >= search->before->offset)
        return;
    const struct fact_node *value = NULL;
    bool feeds = false;
    if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0) {
        const struct fact_node *target = fact_strip(fact_child(node, 0));
        value = fact_child(node, 1);
        feeds = target && ((target->kind == NODE_DECL_REF && has_variable(search->vars, target->decl_key)) ||
                           (target->kind == NODE_MEMBER && mentions(target, search->vars)));
    } else if (node->kind == NODE_VAR_DECL && node->child_count > 0) {
        value = node->children[node->child_count - 1];
        feeds = has_variable(search->vars, node->decl_key);
    }
    if (!feeds || !value)
        return;
    if (is_bounded_form(value)) {
        search->bounded = true;
        return;
    }
    search->value = value;
    fact_walk(value, add_integer_source, search);
}

/* Is the run-time length `vars` bounded before `before`: assigned from a
 * bounded form, or compared (with anything but 0), directly or through the
 * variables it is computed from? */
static bool length_is_checked(const struct fact_function *function, struct variables *vars,
                              const struct fact_node *before)
{
    if (!function || !function->body)
        return false;
    for (int round = 0; round < 4; round++) {
        struct source_search search = {vars, before, false, false, NULL};
        fact_walk(function->body, add_sources, &search);
        if (search.bounded)
            return true;
        if (!search.grew)
            break;
    }
    return bounded_before(function, vars, NULL, before);
}

/* ---- part 1: beyond the probed length ---------------------------------- */

/* Byte offset of the user location `lvalue` from its base pointer, or -1:
 * *p -> 0, p->a.b -> offset(a) + offset(b), p[3] -> 3 * sizeof(*p). */
static long long location_offset(const struct fact_node *lvalue)
{
    const struct fact_node *node = fact_strip(lvalue);
    long long offset = 0;
    while (node) {
        if (node->kind == NODE_MEMBER) {
            if (node->member_offset < 0)
                return -1;
            offset += node->member_offset;
            if (node->is_arrow)
                return offset;
            node = fact_strip(fact_child(node, 0));
        } else if (node->kind == NODE_SUBSCRIPT) {
            const struct fact_node *index = fact_strip(fact_child(node, 1));
            if (!index || !index->has_value || node->type.size <= 0)
                return -1;
            offset += index->value * node->type.size;
            const struct fact_node *base = fact_strip(fact_child(node, 0));
            if (base && base->type.type_class == TYPE_POINTER)
                return offset;
            node = base;
        } else if (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0) {
            return offset;
        } else {
            return -1;
        }
    }
    return -1;
}

/* Byte offset of a root designator prefix: "" -> 0, "@+8" -> 8; -1 else. */
static long long prefix_offset(const char *prefix)
{
    if (!prefix || !*prefix)
        return 0;
    if (strncmp(prefix, "@+", 2) == 0) {
        char *end;
        long long value = strtoll(prefix + 2, &end, 10);
        return *end == '\0' ? value : -1;
    }
    return -1;
}

static bool is_explicit_probe(const struct fact_node *call)
{
    return call && call->kind == NODE_CALL && (rule_call_is(call, "ProbeForRead") || rule_call_is(call, "ProbeForWrite"));
}

/* The probes of `access`'s root written before it in the same function. */
static unsigned earlier_probes(const struct user_memory *memory, const struct um_access *access,
                               const struct um_access **probes, unsigned max)
{
    unsigned count = 0;
    for (unsigned i = 0; i < memory->access_count && count < max; i++) {
        const struct um_access *probe = &memory->accesses[i];
        if (probe->kind != UM_ACCESS_PROBE || probe->function != access->function || probe->root != access->root ||
            !is_explicit_probe(probe->node) || !probe->node->file || !access->node->file ||
            strcmp(probe->node->file, access->node->file) != 0 || probe->node->offset >= access->node->offset)
            continue;
        unsigned root;
        const char *prefix;
        if (!um_user_pointer(memory, probe->function, fact_call_arg(probe->node, 0), &root, &prefix) ||
            prefix_offset(prefix) != 0)
            return 0;  /* a probe of an inner address: do not guess */
        probes[count++] = probe;
    }
    return count;
}

static void report_beyond_probe(struct rule_context *context, const struct um_access *access,
                                const struct um_access *probe, long long end, const char *what)
{
    const struct fact_node *length = fact_call_arg(probe->node, 1);
    char *message = xasprintf("%s reaches byte %lld of the user buffer, but %s validated only %s = %lld bytes; "
                              "probe the whole range (or check the input length) before touching it, or stay "
                              "within the probed length",
                              what, end, rule_call_name(probe->node), length->text, length->value);
    struct finding *finding = rule_report(context, access->node, context->rule->severity, message);
    rule_note(context, finding, probe->node, "the probe covers only this length");
    free(message);
}

/* A raw access or library copy whose extent is a constant beyond every
 * earlier constant probe of its root. */
static void check_constant_extent(struct rule_context *context, const struct um_access *access)
{
    const struct user_memory *memory = context->user_memory;
    long long start = -1, size = -1;
    unsigned root;
    const char *prefix;
    const char *what = NULL;
    char *what_buffer = NULL;
    if (access->kind == UM_ACCESS_DEREF || access->kind == UM_ACCESS_STRUCT_COPY) {
        if (!um_user_pointer(memory, access->function, access->pointer, &root, &prefix))
            return;
        long long base = prefix_offset(prefix), inner = location_offset(access->node);
        if (base < 0 || inner < 0 || access->node->type.size <= 0)
            return;
        start = base + inner;
        size = access->node->type.size;
        what_buffer = xasprintf("'%s' (%lld bytes at offset %lld)", access->node->text, size, start);
    } else if (access->kind == UM_ACCESS_LIBRARY) {
        struct bulk_call bulk;
        if (!bulk_call_parse(access->node, &bulk))
            return;
        const struct fact_node *length = fact_strip(bulk_call_length_node(&bulk));
        bool ok = length && length->has_value && length->value > 0 &&
                  um_user_pointer(memory, access->function, access->pointer, &root, &prefix) &&
                  prefix_offset(prefix) >= 0;
        if (ok) {
            start = prefix_offset(prefix);
            size = length->value;
            what_buffer = xasprintf("%s of %s = %lld bytes", bulk.api, bulk.arguments[bulk.length_index], size);
        }
        bulk_call_free(&bulk);
        if (!ok)
            return;
    } else {
        return;
    }
    what = what_buffer;
    const struct um_access *probes[8];
    unsigned count = earlier_probes(memory, access, probes, 8);
    const struct um_access *largest = NULL;
    for (unsigned i = 0; i < count; i++) {
        const struct fact_node *length = fact_call_arg(probes[i]->node, 1);
        if (!length || !length->has_value)
            goto done;  /* a run-time probe length: part of the other check */
        if (!largest || length->value > fact_call_arg(largest->node, 1)->value)
            largest = probes[i];
    }
    if (largest && start + size > fact_call_arg(largest->node, 1)->value)
        report_beyond_probe(context, access, largest, start + size, what);
done:
    free(what_buffer);
}

/* ProbeForRead(p, InputLength, ..) then a copy of p with an unrelated
 * run-time length that nothing compares with InputLength. */
static void check_runtime_copy_length(struct rule_context *context, const struct um_access *access)
{
    const struct user_memory *memory = context->user_memory;
    if (access->kind != UM_ACCESS_LIBRARY)
        return;
    struct bulk_call bulk;
    if (!bulk_call_parse(access->node, &bulk))
        return;
    const struct fact_node *length = fact_strip(bulk_call_length_node(&bulk));
    unsigned root;
    const char *prefix;
    const struct um_access *probes[8];
    unsigned count = 0;
    if (length && !length->has_value && um_user_pointer(memory, access->function, access->pointer, &root, &prefix) &&
        prefix_offset(prefix) == 0)
        count = earlier_probes(memory, access, probes, 8);
    struct variables copy_vars;
    variables_of(length, &copy_vars);
    bool related = count == 0 || copy_vars.has_sizeof || copy_vars.has_conditional || copy_vars.has_call ||
                   (copy_vars.key_count == 0 && copy_vars.member_count == 0);
    const struct um_access *probe = NULL;
    for (unsigned i = 0; i < count && !related; i++) {
        const struct fact_node *probe_length = fact_strip(fact_call_arg(probes[i]->node, 1));
        struct variables probe_vars;
        variables_of(probe_length, &probe_vars);
        if (!probe_length || probe_length->has_value || probe_vars.has_call ||
            (probe_vars.key_count == 0 && probe_vars.member_count == 0) || mentions(length, &probe_vars) ||
            mentions(probe_length, &copy_vars) ||
            bounded_before(access->function, &copy_vars, &probe_vars, access->node) ||
            bounded_before(access->function, &probe_vars, &copy_vars, access->node))
            related = true;
        else
            probe = probes[i];
    }
    if (!related && probe) {
        const struct fact_node *probe_length = fact_call_arg(probe->node, 1);
        char *message = xasprintf("%s copies '%s' bytes from the user buffer, but %s validated '%s' bytes and "
                                  "nothing compares the two; copy with the checked length '%s' or check "
                                  "'%s <= %s' first",
                                  bulk.api, length->text, rule_call_name(probe->node), probe_length->text,
                                  probe_length->text, length->text, probe_length->text);
        struct finding *finding = rule_report(context, access->node, context->rule->severity, message);
        rule_note(context, finding, probe->node, "the probe validates this length");
        free(message);
    }
    bulk_call_free(&bulk);
}

/* ---- part 2: beyond the kernel destination ----------------------------- */

struct kernel_copy {
    const struct fact_node *destination;   /* the written destination argument */
    const struct fact_node *object;        /* the fixed-size kernel object */
    const struct fact_node *length;
    const char *api;
};

/* The fixed-size kernel object a destination argument designates: an
 * array (Buffer, Ctx->Name) or &object; NULL for pool pointers. */
static const struct fact_node *fixed_destination(const struct fact_node *destination)
{
    const struct fact_node *node = fact_strip(destination);
    if (!node)
        return NULL;
    if (node->kind == NODE_UNARY && node->op && strcmp(node->op, "&") == 0)
        node = fact_strip(fact_child(node, 0));
    if (!node || node->type.size <= 0)
        return NULL;
    if (node->type.type_class == TYPE_ARRAY || node->type.type_class == TYPE_RECORD ||
        node->type.type_class == TYPE_INTEGER)
        return node->kind == NODE_DECL_REF || node->kind == NODE_MEMBER ? node : NULL;
    return NULL;
}

static bool is_copy_from_user_accessor(const char *api)
{
    return api && (strncmp(api, "CopyFromUser", 12) == 0 || strncmp(api, "CopyFromMode", 12) == 0);
}

static void check_kernel_destination(struct rule_context *context, const struct um_access *access)
{
    const struct user_memory *memory = context->user_memory;
    if (!access->is_read || access->is_write)
        return;
    struct kernel_copy copy = {0};
    struct bulk_call bulk;
    bool parsed = false;
    const struct fact_node *call = access->node;
    if (access->kind == UM_ACCESS_LIBRARY) {
        parsed = bulk_call_parse(call, &bulk);
        if (!parsed || (bulk.shape != BULK_COPY && bulk.shape != BULK_MOVE) || access->pointer != fact_call_arg(call, 1))
            goto done;
        copy.length = bulk_call_length_node(&bulk);
        copy.api = bulk.api;
    } else if (access->kind == UM_ACCESS_ACCESSOR && is_copy_from_user_accessor(access->api) &&
               call->kind == NODE_CALL && fact_call_arg_count(call) >= 3) {
        copy.length = fact_call_arg(call, 2);
        copy.api = access->api;
    } else {
        goto done;
    }
    copy.destination = fact_call_arg(call, 0);
    copy.object = fixed_destination(copy.destination);
    unsigned root;
    const char *prefix;
    if (!copy.object || !copy.length ||
        um_user_pointer(memory, access->function, copy.destination, &root, &prefix))
        goto done;
    const struct fact_node *length = fact_strip(copy.length);
    long long capacity = copy.object->type.size;
    if (length->has_value) {
        /* A constant that does not fit; sizeof forms are UM2004's. */
        if (length->kind != NODE_SIZEOF && length->value > capacity) {
            char *message = xasprintf("%s copies %s = %lld bytes into '%s', which holds %lld bytes; bound the "
                                      "copy by sizeof(%s)",
                                      copy.api, length->text, length->value, copy.object->text, capacity,
                                      copy.object->text);
            struct finding *finding = rule_report(context, call, context->rule->severity, message);
            if (access->preceding_check && access->preceding_check->node)
                rule_note(context, finding, access->preceding_check->node, "the user memory is checked here");
            free(message);
        }
        goto done;
    }
    if (is_bounded_form(length))
        goto done;  /* min(), ?:, sizeof, a mask: bounded by construction */
    struct variables vars;
    variables_of(length, &vars);
    if (vars.key_count == 0 && vars.member_count == 0)
        goto done;
    if (length_is_checked(access->function, &vars, call))
        goto done;
    char *message = xasprintf("%s copies '%s' bytes into '%s' (%lld bytes) but nothing checks '%s' against "
                              "the destination size; reject larger lengths first (if (%s > sizeof(%s)) return "
                              "STATUS_INVALID_PARAMETER;) or copy min(%s, sizeof(%s))",
                              copy.api, length->text, copy.object->text, capacity, length->text, length->text,
                              copy.object->text, length->text, copy.object->text);
    struct finding *finding = rule_report(context, call, context->rule->severity, message);
    if (access->preceding_check && access->preceding_check->node && access->preceding_check->kind == UM_ACCESS_PROBE)
        rule_note(context, finding, access->preceding_check->node, "the probe validates the user side only");
    free(message);
done:
    if (parsed)
        bulk_call_free(&bulk);
}

static void check_access(struct rule_context *context, const struct um_access *access, void *data)
{
    (void)data;
    if (access->kind == UM_ACCESS_PROBE)
        return;
    if (access->kind != UM_ACCESS_ACCESSOR) {
        check_constant_extent(context, access);
        check_runtime_copy_length(context, access);
    }
    check_kernel_destination(context, access);
}

void rule_probe_copy_length_mismatch(struct rule_context *context)
{
    user_access_for_each(context, check_access, NULL);
}
