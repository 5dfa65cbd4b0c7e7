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

static bool is_relational(const struct fact_node *node)
{
    return node->kind == NODE_BINARY && node->op &&
           (strcmp(node->op, "<") == 0 || strcmp(node->op, "<=") == 0 || strcmp(node->op, ">") == 0 ||
            strcmp(node->op, ">=") == 0);
}

static bool is_comparison(const struct fact_node *node)
{
    return is_relational(node) ||
           (node->kind == NODE_BINARY && node->op && (strcmp(node->op, "==") == 0 || strcmp(node->op, "!=") == 0));
}

static bool is_overflow_check_call(const struct fact_node *node)
{
    if (node->kind != NODE_CALL || !node->name)
        return false;
    size_t length = strlen(node->name);
    static const char *const suffixes[] = {"Mult", "Add", "Sub", "Multiply"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t suffix = strlen(suffixes[i]);
        if (length > suffix && strcmp(node->name + length - suffix, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static bool subtree_mentions(const struct fact_node *root, const struct fact_node *value)
{
    if (!root)
        return false;
    if (root->kind == NODE_SIZEOF)
        return false;
    if (shape_same_expression(root, value))
        return true;
    for (unsigned i = 0; i < root->child_count; i++)
        if (subtree_mentions(root->children[i], value))
            return true;
    return false;
}

static bool is_check(const struct fact_node *node, bool any_comparison)
{
    return (any_comparison ? is_comparison(node) : is_relational(node)) || is_overflow_check_call(node);
}

/* A comparison (or an intsafe call) mentioning `value`, written entirely
 * before `site` anywhere in the function. */
static bool checked_before(const struct fact_function *function, const struct fact_node *value,
                           const struct fact_node *site, bool any_comparison)
{
    struct node_list stack = {0};
    node_list_push(&stack, function->body);
    bool found = false;
    while (stack.count && !found) {
        const struct fact_node *node = stack.items[--stack.count];
        if (node->offset >= site->offset)
            continue;
        if (is_check(node, any_comparison) && shape_before(node, site) && subtree_mentions(node, value)) {
            found = true;
            break;
        }
        for (unsigned i = 0; i < node->child_count; i++)
            node_list_push(&stack, node->children[i]);
    }
    node_list_free(&stack);
    return found;
}

/* The last initialisation or assignment of the variable before `site`. */
struct definition_search {
    uint64_t key;
    const struct fact_node *site;
    const struct fact_node *value;
    const struct fact_node *at;
};

static void find_definition(const struct fact_node *node, struct definition_search *search)
{
    if (!node || node->offset >= search->site->offset)
        return;
    if (!shape_before(node, search->site)) {
        /* A statement around the site: only what precedes it inside counts. */
    } else if (node->kind == NODE_VAR_DECL && node->decl_key == search->key && node->child_count) {
        search->value = node->children[node->child_count - 1];
        search->at = node;
    } else if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0) {
        const struct fact_node *left = fact_strip(fact_child(node, 0));
        if (left && left->kind == NODE_DECL_REF && left->decl_key == search->key) {
            search->value = fact_child(node, 1);
            search->at = node;
        }
    }
    for (unsigned i = 0; i < node->child_count; i++)
        find_definition(node->children[i], search);
}

static const struct fact_node *definition_before(const struct fact_function *function, const struct fact_node *variable,
                                                 const struct fact_node *site, const struct fact_node **at)
{
    struct definition_search search = {variable->decl_key, site, NULL, NULL};
    find_definition(function->body, &search);
    *at = search.at;
    return search.value;
}

/* ---- 1. lengths that can wrap ------------------------------------------- */

struct operand_search {
    const struct fact_function *function;
    const struct fact_node *site;
    const struct fact_node *unchecked;
};

static void find_unchecked_operand(const struct fact_node *node, struct operand_search *search)
{
    if (!node || search->unchecked || node->has_value || node->kind == NODE_SIZEOF)
        return;
    if (node->kind == NODE_DECL_REF || node->kind == NODE_MEMBER || node->kind == NODE_CALL) {
        if (node->kind != NODE_CALL && !checked_before(search->function, node, search->site, false))
            search->unchecked = node;
        return;
    }
    for (unsigned i = 0; i < node->child_count; i++)
        find_unchecked_operand(node->children[i], search);
}

static void check_length(struct rule_context *context, const struct fact_function *function,
                         const struct fact_node *site, const char *api, const struct fact_node *length)
{
    const struct fact_node *expression = fact_strip(length);
    const struct fact_node *defined_at = NULL;
    if (expression && expression->kind == NODE_DECL_REF) {
        const struct fact_node *value = definition_before(function, expression, site, &defined_at);
        /* A variable compared or checked itself is bounded whatever its definition. */
        if (!value || checked_before(function, expression, site, false))
            return;
        expression = value;
    }
    const struct fact_node *operation = wrapping_operation(expression);
    if (!operation || operation->macro || operation->is_invalid)
        return;
    struct operand_search search = {function, site, NULL};
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

struct access_search {
    const struct fact_function *function;
    const struct fact_node *probe, *pointer;
    const struct fact_node *found;
};

static void find_access(const struct fact_node *node, struct access_search *search)
{
    if (!node || search->found)
        return;
    const struct fact_node *base = NULL;
    if ((node->kind == NODE_MEMBER && node->is_arrow) || node->kind == NODE_SUBSCRIPT ||
        (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0))
        base = fact_child(node, 0);
    if (base && shape_before(search->probe, node) && shape_same_expression(base, search->pointer) &&
        !is_address_only(node) && shape_probe_before(search->function, search->pointer, node) == search->probe) {
        search->found = node;
        return;
    }
    for (unsigned i = 0; i < node->child_count; i++)
        find_access(node->children[i], search);
}

/* The length or a variable standing for it (Length = ...InputBufferLength)
 * compared before `site`. */
static bool length_compared(const struct fact_function *function, const struct fact_node *length,
                            const struct fact_node *site)
{
    if (checked_before(function, length, site, true))
        return true;
    const struct fact_node *at = NULL;
    if (length->kind == NODE_DECL_REF) {
        const struct fact_node *value = definition_before(function, length, site, &at);
        if (value && (fact_strip(value)->kind == NODE_DECL_REF || fact_strip(value)->kind == NODE_MEMBER) &&
            checked_before(function, fact_strip(value), site, true))
            return true;
    }
    /* Another variable initialised from the same expression. */
    struct node_list stack = {0};
    node_list_push(&stack, function->body);
    bool found = false;
    while (stack.count && !found) {
        const struct fact_node *node = stack.items[--stack.count];
        const struct fact_node *value = NULL;
        const struct fact_node *variable = NULL;
        if (node->kind == NODE_VAR_DECL && node->child_count) {
            value = node->children[node->child_count - 1];
            variable = node;
        } else if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0) {
            value = fact_child(node, 1);
            variable = fact_strip(fact_child(node, 0));
        }
        if (value && variable && variable->decl_key && shape_same_expression(value, length) &&
            shape_before(node, site)) {
            struct fact_node alias = *variable;
            alias.kind = NODE_DECL_REF;
            alias.children = NULL;
            alias.child_count = 0;
            found = checked_before(function, &alias, site, true);
        }
        for (unsigned i = 0; i < node->child_count; i++)
            node_list_push(&stack, node->children[i]);
    }
    node_list_free(&stack);
    return found;
}

static void check_zero_length(struct rule_context *context, const struct fact_function *function,
                              const struct fact_node *probe)
{
    const struct fact_node *pointer = fact_strip(fact_call_arg(probe, 0));
    const struct fact_node *length = fact_strip(fact_call_arg(probe, 1));
    if (!pointer || !length || pointer->kind != NODE_DECL_REF || length->has_value || length->macro ||
        (length->kind != NODE_DECL_REF && length->kind != NODE_MEMBER))
        return;
    if (pointer->type.type_class != TYPE_POINTER || pointer->type.pointee_size <= 1)
        return;
    struct access_search search = {function, probe, pointer, NULL};
    find_access(function->body, &search);
    if (!search.found || length_compared(function, length, search.found))
        return;
    const char *type = pointer->type.pointee_spelling;
    char *check = xasprintf("if (%s < sizeof(%s)) return STATUS_BUFFER_TOO_SMALL;", length->text, type);
    char *message = xasprintf(
        "'%s' assumes that %s covered the buffer, but %s is never compared before it: a length of 0 makes the "
        "probe check nothing and a small one leaves '%s' outside the probed range; check it first: %s",
        search.found->text, rule_call_name(probe), length->text, search.found->text, check);
    struct finding *finding = rule_report(context, search.found, context->rule->severity, message);
    rule_note(context, finding, probe, "the probe with the unchecked length");
    free(message);
    free(check);
}

/* ---- driver ------------------------------------------------------------- */

static bool is_classic_probe(const struct fact_node *node)
{
    return node->name && (strcmp(node->name, "ProbeForRead") == 0 || strcmp(node->name, "ProbeForWrite") == 0);
}

static void check_node(const struct fact_node *node, const struct fact_function *function, void *data)
{
    struct rule_context *context = data;
    if (node->kind != NODE_CALL || node->is_invalid)
        return;
    if (is_classic_probe(node) && fact_call_arg_count(node) == 3) {
        check_length(context, function, node, rule_call_name(node), fact_call_arg(node, 1));
        check_zero_length(context, function, node);
        return;
    }
    struct copy_call copy;
    if (copy_call_parse(node, function, &copy) && !copy.is_library)
        check_length(context, function, node, copy.api, copy.length);
}

void rule_unchecked_probe_length(struct rule_context *context)
{
    rule_for_each_node(context->facts, check_node, context);
}
