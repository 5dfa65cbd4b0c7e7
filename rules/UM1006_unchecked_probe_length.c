/* UM1006 unchecked-probe-length: probe and copy lengths that can lie.
 *
 * Two shapes:
 *   - the length of a probe (ProbeForRead/ProbeForWrite) or of a copy
 *     accessor (CopyFromUser, CopyToUser and their forms) is computed with
 *     arithmetic that can wrap in its type (SIZE_T Count * sizeof(E),
 *     ULONG a + b, ULONG Count * ElementSize), and nothing in the function
 *     checks the operands before: no RtlSIZETMult/RtlULongAdd/... on them,
 *     no comparison bounding them. A wrapped length probes a few bytes and
 *     the code then walks Count elements.
 *   - a probe whose length is a plain run-time value (a variable or field,
 *     typically the IOCTL's InputBufferLength), followed by an access
 *     through the probed pointer, with no comparison of that length before
 *     the access. ProbeForRead checks nothing when the length is 0 (the
 *     reference, R16), and less than the structure when it is small.
 *
 * Widths are those of the MSVC x64 target: ULONG Count * sizeof(E) is
 * computed in 64 bits and cannot wrap for any real E, so it is silent. */
#include <stdlib.h>
#include <string.h>

#include "rules/call_shapes.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

/* ---- widths ------------------------------------------------------------- */

static int bits_of_value(long long value)
{
    if (value <= 0)
        return 1;
    int bits = 0;
    for (unsigned long long v = (unsigned long long)value; v; v >>= 1)
        bits++;
    return bits;
}

static int type_bits(const struct fact_node *node)
{
    return node->type.size > 0 ? (int)(node->type.size * 8) : 64;
}

/* How many bits the value of `node` can need. */
static int value_bits(const struct fact_node *node)
{
    if (!node)
        return 64;
    if (node->has_value)
        return bits_of_value(node->value);
    const struct fact_node *child = fact_child(node, 0);
    switch (node->kind) {
    case NODE_PAREN:
        return value_bits(child);
    case NODE_CAST: {
        int inner = value_bits(child), outer = type_bits(node);
        return inner < outer ? inner : outer;
    }
    case NODE_BINARY: {
        const struct fact_node *right = fact_child(node, 1);
        int a = value_bits(child), b = value_bits(right), limit = type_bits(node);
        int bits = limit;
        if (node->op && strcmp(node->op, "*") == 0)
            bits = a + b;
        else if (node->op && strcmp(node->op, "+") == 0)
            bits = (a > b ? a : b) + 1;
        return bits < limit ? bits : limit;
    }
    default:
        return type_bits(node);
    }
}

/* The innermost + or * under `node` (through parens and casts) that can
 * exceed its type, or NULL. */
static const struct fact_node *wrapping_operation(const struct fact_node *node)
{
    if (!node || node->has_value)
        return NULL;
    if (node->kind == NODE_PAREN || node->kind == NODE_CAST)
        return wrapping_operation(fact_child(node, 0));
    if (node->kind != NODE_BINARY || !node->op)
        return NULL;
    bool multiply = strcmp(node->op, "*") == 0, add = strcmp(node->op, "+") == 0;
    if (!multiply && !add)
        return NULL;
    for (unsigned i = 0; i < node->child_count; i++) {
        const struct fact_node *inner = wrapping_operation(node->children[i]);
        if (inner)
            return inner;
    }
    const struct fact_node *left = fact_child(node, 0), *right = fact_child(node, 1);
    if (!left || !right || node->type.type_class != TYPE_INTEGER)
        return NULL;
    int a = value_bits(left), b = value_bits(right);
    int needed = multiply ? a + b : (a > b ? a : b) + 1;
    return needed > type_bits(node) ? node : NULL;
}

/* ---- checks before a site ----------------------------------------------- */

static bool subtree_mentions(const struct fact_node *root, const struct fact_node *value)
{
    if (!root || root->kind == NODE_SIZEOF)
        return false;
    if (shape_same_expression(root, value))
        return true;
    for (unsigned i = 0; i < root->child_count; i++)
        if (subtree_mentions(root->children[i], value))
            return true;
    return false;
}

/* A comparison (relational only unless any_comparison) or an intsafe call
 * mentioning `value`, written entirely before `site` in the function. */
static bool checked_before(const struct shape_function *index, const struct fact_node *value,
                           const struct fact_node *site, bool any_comparison)
{
    for (unsigned i = 0; i < index->checks.count; i++) {
        const struct fact_node *check = index->checks.items[i];
        bool kind = any_comparison || shape_is_relational(check) || shape_is_overflow_check_call(check);
        if (kind && shape_before(check, site) && subtree_mentions(check, value))
            return true;
    }
    return false;
}

/* A definition's variable (declaration or assignment target) and value. */
static const struct fact_node *defined_variable(const struct fact_node *definition, const struct fact_node **value)
{
    if (definition->kind == NODE_VAR_DECL) {
        *value = definition->children[definition->child_count - 1];
        return definition;
    }
    *value = fact_child(definition, 1);
    const struct fact_node *target = fact_strip(fact_child(definition, 0));
    return target && target->kind == NODE_DECL_REF ? target : NULL;
}

/* The last initialisation or assignment of the variable before `site`. */
static const struct fact_node *definition_before(const struct shape_function *index, const struct fact_node *variable,
                                                 const struct fact_node *site, const struct fact_node **at)
{
    const struct fact_node *found = NULL;
    *at = NULL;
    for (unsigned i = 0; i < index->definitions.count; i++) {
        const struct fact_node *definition = index->definitions.items[i], *value = NULL;
        const struct fact_node *target = defined_variable(definition, &value);
        if (target && target->decl_key == variable->decl_key && shape_before(definition, site)) {
            found = value;
            *at = definition;
        }
    }
    return found;
}

/* ---- 1. lengths that can wrap ------------------------------------------- */

struct operand_search {
    const struct shape_function *index;
    const struct fact_node *site;
    const struct fact_node *unchecked;
};

static bool from_parameter(const struct shape_function *index, const struct fact_node *value);

static void find_unchecked_operand(const struct fact_node *node, struct operand_search *search)
{
    if (!node || search->unchecked || node->has_value || node->kind == NODE_SIZEOF)
        return;
    if (node->kind == NODE_DECL_REF || node->kind == NODE_MEMBER || node->kind == NODE_CALL) {
        if (node->kind != NODE_CALL && !checked_before(search->index, node, search->site, false) &&
            !from_parameter(search->index, node))
            search->unchecked = node;
        return;
    }
    for (unsigned i = 0; i < node->child_count; i++)
        find_unchecked_operand(node->children[i], search);
}

static void check_length(struct rule_context *context, const struct shape_function *index,
                         const struct fact_node *site, const char *api, const struct fact_node *length)
{
    const struct fact_node *expression = fact_strip(length);
    const struct fact_node *defined_at = NULL;
    if (expression && expression->kind == NODE_DECL_REF) {
        const struct fact_node *value = definition_before(index, expression, site, &defined_at);
        /* A variable compared or checked itself is bounded whatever its definition. */
        if (!value || checked_before(index, expression, site, false))
            return;
        expression = value;
    }
    const struct fact_node *operation = wrapping_operation(expression);
    if (!operation || operation->macro || operation->is_invalid)
        return;
    struct operand_search search = {index, site, NULL};
    find_unchecked_operand(operation, &search);
    if (!search.unchecked)
        return;
    const struct fact_node *left = fact_child(operation, 0), *right = fact_child(operation, 1);
    bool multiply = strcmp(operation->op, "*") == 0;
    bool wide = operation->type.size == 8;
    const char *helper = multiply ? (wide ? "RtlSIZETMult" : "RtlULongMult") : (wide ? "RtlSIZETAdd" : "RtlULongAdd");
    char *replacement = xasprintf("%s(%s, %s, &Bytes)", helper, left->text, right->text);
    const struct fact_node *constant = left->has_value ? left : right->has_value ? right : NULL;
    char *bound = multiply && constant
                      ? xasprintf(", or reject %s > %s / %s first", search.unchecked->text,
                                  wide ? "MAXSIZE_T" : "MAXULONG", constant->text)
                      : xstrdup("");
    char *message = xasprintf(
        "the %s length '%s' can wrap: %s is %s and nothing checks it before this call, so a large value "
        "yields a small length that passes; compute it with %s and fail when it returns an error%s",
        api, operation->text, search.unchecked->text,
        search.unchecked->type.spelling ? search.unchecked->type.spelling : "not bounded", replacement, bound);
    const struct fact_node *where = defined_at ? fact_strip(length) : operation;
    struct finding *finding = rule_report(context, where, context->rule->severity, message);
    if (defined_at)
        rule_note(context, finding, defined_at, "the length is computed here");
    free(message);
    free(bound);
    free(replacement);
}

/* ---- 2. probed lengths never compared ------------------------------------ */

static bool is_address_only(const struct fact_node *node)
{
    for (const struct fact_node *up = node->parent; up; node = up, up = up->parent) {
        if (up->kind == NODE_SIZEOF || (up->kind == NODE_UNARY && up->op && strcmp(up->op, "&") == 0))
            return true;
        if (up->kind != NODE_PAREN && !(up->kind == NODE_MEMBER && !up->is_arrow))
            return false;
    }
    return false;
}

/* The length or a variable standing for it (Length = ...InputBufferLength)
 * compared before `site`. */
static bool length_compared(const struct shape_function *index, const struct fact_node *length,
                            const struct fact_node *site)
{
    if (checked_before(index, length, site, true))
        return true;
    for (unsigned i = 0; i < index->definitions.count; i++) {
        const struct fact_node *definition = index->definitions.items[i], *value = NULL;
        const struct fact_node *target = defined_variable(definition, &value);
        if (!target || !target->decl_key || !shape_before(definition, site))
            continue;
        /* Length = <the expression compared>, or <variable> = Length. */
        const struct fact_node *stripped = fact_strip(value);
        if (length->kind == NODE_DECL_REF && target->decl_key == length->decl_key && stripped &&
            (stripped->kind == NODE_DECL_REF || stripped->kind == NODE_MEMBER) &&
            checked_before(index, stripped, site, true))
            return true;
        if (shape_same_expression(value, length)) {
            struct fact_node alias = *target;
            alias.kind = NODE_DECL_REF;
            alias.children = NULL;
            alias.child_count = 0;
            alias.macro = NULL;
            if (checked_before(index, &alias, site, true))
                return true;
        }
    }
    return false;
}

/* A zero-length candidate: ProbeForRead(p, Length, A) with Length a
 * run-time value (a variable or a field). */
static const struct fact_node *probed_length(const struct fact_node *probe)
{
    const struct fact_node *length = fact_strip(fact_call_arg(probe, 1));
    if (!length || length->has_value || length->macro ||
        (length->kind != NODE_DECL_REF && length->kind != NODE_MEMBER))
        return NULL;
    return length;
}

/* True when the value comes from a parameter (Length, IrpSp->Parameters...
 * with IrpSp a parameter): the caller may have checked it, and this rule
 * only sees one function. Parameters of __kernel_entry functions come
 * straight from user mode and do not count. */
static bool from_parameter(const struct shape_function *index, const struct fact_node *value)
{
    const struct fact_function *function = index->function;
    if (function->is_kernel_entry)
        return false;
    for (int depth = 0; depth < 2 && value; depth++) {
        const struct fact_node *base = fact_strip(value);
        bool through_pointer = false;
        while (base && base->kind == NODE_MEMBER) {
            through_pointer |= base->is_arrow;
            base = fact_strip(fact_child(base, 0));
        }
        if (!base || base->kind != NODE_DECL_REF)
            return false;
        /* A field of user memory (UserQuery->Count) is nobody's checked value. */
        if (through_pointer && shape_is_user_pointer(index, base))
            return false;
        for (unsigned i = 0; i < function->param_count; i++)
            if (function->params[i]->decl_key == base->decl_key)
                return true;
        /* A local: follow its initialiser once (ULONG Length = IrpSp->...). */
        const struct fact_node *at = NULL;
        value = definition_before(index, base, value, &at);
    }
    return false;
}

/* The first access through a probed pointer decides: `handled` holds the
 * probes of this function already judged. */
static void check_zero_length(struct rule_context *context, const struct shape_function *index,
                              const struct fact_node *node, struct node_list *handled)
{
    const struct fact_node *base = NULL;
    if ((node->kind == NODE_MEMBER && node->is_arrow) || node->kind == NODE_SUBSCRIPT ||
        (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0))
        base = fact_strip(fact_child(node, 0));
    /* Byte pointers walk the buffer with their own bounds; a structure
     * pointer assumes the whole structure is there. */
    if (!base || base->kind != NODE_DECL_REF || base->type.type_class != TYPE_POINTER ||
        base->type.pointee_size <= 1 || is_address_only(node))
        return;
    const struct fact_node *probe = shape_probe_before(index, base, node);
    const struct fact_node *length = probe ? probed_length(probe) : NULL;
    if (!length)
        return;
    for (unsigned i = 0; i < handled->count; i++)
        if (handled->items[i] == probe)
            return;
    node_list_push(handled, probe);
    if (from_parameter(index, length) || length_compared(index, length, node))
        return;
    const char *type = base->type.pointee_spelling;
    char *check = xasprintf("if (%s < sizeof(%s)) return STATUS_BUFFER_TOO_SMALL;", length->text, type);
    char *message = xasprintf(
        "'%s' assumes that %s covered the buffer, but %s is never compared before it: a length of 0 makes the "
        "probe check nothing and a small one leaves '%s' outside the probed range; check it first: %s",
        node->text, rule_call_name(probe), length->text, node->text, check);
    struct finding *finding = rule_report(context, node, context->rule->severity, message);
    rule_note(context, finding, probe, "the probe with the unchecked length");
    free(message);
    free(check);
}

/* ---- driver ------------------------------------------------------------- */

static bool is_classic_probe(const struct fact_node *node)
{
    return node->name && (strcmp(node->name, "ProbeForRead") == 0 || strcmp(node->name, "ProbeForWrite") == 0);
}

struct length_pass {
    struct rule_context *context;
    const struct fact_function *function;   /* whose probes `handled` holds */
    struct node_list handled;
};

static void check_node(const struct fact_node *node, const struct shape_function *index, void *data)
{
    struct length_pass *pass = data;
    if (pass->function != index->function) {
        pass->function = index->function;
        pass->handled.count = 0;
    }
    if (node->is_invalid)
        return;
    check_zero_length(pass->context, index, node, &pass->handled);
    if (node->kind != NODE_CALL)
        return;
    struct copy_call copy;
    if (is_classic_probe(node) && fact_call_arg_count(node) == 3)
        check_length(pass->context, index, node, rule_call_name(node), fact_call_arg(node, 1));
    else if (copy_call_parse(node, NULL, &copy))
        check_length(pass->context, index, node, copy.api, copy.length);
}

void rule_unchecked_probe_length(struct rule_context *context)
{
    struct length_pass pass = {context, NULL, {0}};
    shape_for_each_node(context, check_node, &pass);
    node_list_free(&pass.handled);
}
