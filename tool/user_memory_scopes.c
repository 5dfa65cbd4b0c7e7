/* user_memory_scopes.c - code that only ever serves kernel-mode callers:
 * branches taken when the requestor mode is KernelMode (or the rest of a
 * block after `if (mode == UserMode) return`), `case
 * IRP_MJ_INTERNAL_DEVICE_CONTROL:` arms, and handlers registered only for
 * internal IOCTLs. Accesses there are recorded with kernel_only set, and
 * no user pointer is carried from there into a callee.
 *
 * Also finds each function's requestor mode expression, which rules use in
 * their UmaExceptionFilter(Mode) / ...Mode suggestions. */
#include "user_memory_internal.h"

#include <stdlib.h>
#include <string.h>

bool um_in_kernel_range(const struct builder *b, const struct fact_function *function,
                        const struct fact_node *node)
{
    for (unsigned i = 0; i < b->range_count; i++) {
        const struct kernel_range *range = &b->ranges[i];
        if (range->function == function && node->file == range->file && node->offset >= range->begin &&
            node->offset < range->end)
            return true;
    }
    return false;
}

bool um_serves_internal_only(const struct builder *b, const struct fact_function *function)
{
    bool internal = false;
    for (unsigned i = 0; i < b->internal_handler_count; i++)
        internal |= function->name && strcmp(b->internal_handlers[i], function->name) == 0;
    for (unsigned i = 0; internal && i < b->external_handler_count; i++)
        if (function->name && strcmp(b->external_handlers[i], function->name) == 0)
            return false;
    return internal;
}

static bool is_mode_expression(const struct builder *b, const struct fact_node *node)
{
    node = um_strip(node);
    if (!node)
        return false;
    if (node->kind == NODE_MEMBER && node->name && strcmp(node->name, "RequestorMode") == 0)
        return true;
    if (node->kind == NODE_CALL && node->name &&
        (strcmp(node->name, "ExGetPreviousMode") == 0 || strcmp(node->name, "WdfRequestGetRequestorMode") == 0 ||
         strcmp(node->name, "KeGetPreviousMode") == 0))
        return true;
    /* A helper told its caller's mode: `KPROCESSOR_MODE AccessMode` parameters. */
    if (node->kind == NODE_DECL_REF && node->type.spelling &&
        (strcmp(node->type.spelling, "KPROCESSOR_MODE") == 0 || strcmp(node->type.spelling, "MODE") == 0))
        return true;
    (void)b;
    return false;
}

/* +1: the condition holds only in kernel mode; -1: only in user mode; 0: neither. */
static int mode_condition(const struct builder *b, const struct fact_node *condition,
                          const uint64_t *mode_vars, unsigned mode_var_count)
{
    condition = um_strip(condition);
    if (!condition || condition->kind != NODE_BINARY || !condition->op)
        return 0;
    bool equal = strcmp(condition->op, "==") == 0, not_equal = strcmp(condition->op, "!=") == 0;
    if (!equal && !not_equal)
        return 0;
    const struct fact_node *left = um_strip(fact_child(condition, 0)), *right = um_strip(fact_child(condition, 1));
    if (!left || !right)
        return 0;
    const struct fact_node *constant = right, *mode = left;
    if (left->kind == NODE_DECL_REF && left->name &&
        (strcmp(left->name, "KernelMode") == 0 || strcmp(left->name, "UserMode") == 0))
        constant = left, mode = right;
    if (constant->kind != NODE_DECL_REF || !constant->name)
        return 0;
    bool kernel = strcmp(constant->name, "KernelMode") == 0;
    if (!kernel && strcmp(constant->name, "UserMode") != 0)
        return 0;
    bool is_mode = is_mode_expression(b, mode);
    for (unsigned i = 0; !is_mode && mode->kind == NODE_DECL_REF && i < mode_var_count; i++)
        is_mode = mode_vars[i] == mode->decl_key;
    if (!is_mode)
        return 0;
    return (kernel == equal) ? 1 : -1;
}

static bool always_leaves(const struct fact_node *statement)
{
    statement = statement && statement->kind == NODE_COMPOUND && statement->child_count
                    ? statement->children[statement->child_count - 1] : statement;
    return statement && (statement->kind == NODE_RETURN || statement->kind == NODE_GOTO ||
                         statement->kind == NODE_BREAK || statement->kind == NODE_CONTINUE);
}

static void add_range(struct builder *b, const struct fact_node *from, unsigned end)
{
    if (!from || !from->file || end <= from->offset)
        return;
    GROW(b->ranges, b->range_count, b->range_capacity);
    b->ranges[b->range_count++] = (struct kernel_range){b->current, from->file, from->offset, end};
}

struct mode_scan {
    struct builder *builder;
    uint64_t mode_vars[8];
    unsigned mode_var_count;
    const char *mode_text;
};

static void find_mode_vars(const struct fact_node *node, void *data)
{
    struct mode_scan *scan = data;
    const struct fact_node *source = NULL;
    uint64_t key = 0;
    if (node->kind == NODE_VAR_DECL && node->child_count) {
        source = node->children[node->child_count - 1];
        key = node->decl_key;
    } else if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0 &&
               um_strip(fact_child(node, 0)) && um_strip(fact_child(node, 0))->kind == NODE_DECL_REF) {
        source = fact_child(node, 1);
        key = um_strip(fact_child(node, 0))->decl_key;
    }
    if (is_mode_expression(scan->builder, node) && !scan->mode_text)
        scan->mode_text = node->text;
    if (source && key && is_mode_expression(scan->builder, source) && scan->mode_var_count < 8) {
        scan->mode_vars[scan->mode_var_count++] = key;
        if (node->kind == NODE_VAR_DECL)
            scan->mode_text = node->name;
    }
}

static void find_kernel_scopes(const struct fact_node *node, void *data)
{
    struct mode_scan *scan = data;
    struct builder *b = scan->builder;
    if (node->kind == NODE_IF) {
        int sense = mode_condition(b, fact_child(node, 0), scan->mode_vars, scan->mode_var_count);
        const struct fact_node *then_branch = fact_child(node, 1), *else_branch = fact_child(node, 2);
        if (sense > 0 && then_branch)
            add_range(b, then_branch, then_branch->end_offset);
        if (sense < 0 && else_branch)
            add_range(b, else_branch, else_branch->end_offset);
        /* if (user mode) return; -> the rest of the block serves kernel callers. */
        if (sense < 0 && !else_branch && always_leaves(then_branch) && node->parent &&
            node->parent->kind == NODE_COMPOUND)
            add_range(b, node, node->parent->end_offset), b->ranges[b->range_count - 1].begin = node->end_offset;
        if (sense > 0 && always_leaves(then_branch) && !else_branch && node->parent) {
            /* if (kernel mode) { ...; return; } : only the then branch is kernel. */
        }
    }
    /* case IRP_MJ_INTERNAL_DEVICE_CONTROL: up to the next case label. */
    if (node->kind == NODE_CASE && um_text_has(fact_child(node, 0), "IRP_MJ_INTERNAL_DEVICE_CONTROL") && node->parent) {
        const struct fact_node *parent = node->parent;
        unsigned end = parent->end_offset;
        bool after = false;
        for (unsigned i = 0; i < parent->child_count; i++) {
            if (parent->children[i] == node) {
                after = true;
                continue;
            }
            if (after && (parent->children[i]->kind == NODE_CASE || parent->children[i]->kind == NODE_DEFAULT)) {
                end = parent->children[i]->offset;
                break;
            }
        }
        add_range(b, node, end);
    }
}

/* DriverObject->MajorFunction[IRP_MJ_...] = Handler. */
static void find_handlers(const struct fact_node *node, void *data)
{
    struct builder *b = data;
    if (node->kind != NODE_BINARY || !node->op || strcmp(node->op, "=") != 0)
        return;
    const struct fact_node *target = um_strip(fact_child(node, 0));
    const struct fact_node *handler = um_strip(fact_child(node, 1));
    if (!target || target->kind != NODE_SUBSCRIPT || !um_text_has(target, "MajorFunction") || !handler ||
        handler->kind != NODE_DECL_REF || !handler->name)
        return;
    bool internal = um_text_has(fact_child(target, 1), "IRP_MJ_INTERNAL_DEVICE_CONTROL");
    /* Two small lists: reallocate exactly. */
    const char ***list = internal ? &b->internal_handlers : &b->external_handlers;
    unsigned *count = internal ? &b->internal_handler_count : &b->external_handler_count;
    *list = xrealloc((void *)*list, (*count + 1) * sizeof **list);
    (*list)[(*count)++] = handler->name;
}

void um_find_handlers(struct builder *b)
{
    fact_walk(b->current->body, find_handlers, b);
}

const char *um_find_kernel_scopes(struct builder *b)
{
    struct mode_scan scan = {b, {0}, 0, NULL};
    fact_walk(b->current->body, find_mode_vars, &scan);
    fact_walk(b->current->body, find_kernel_scopes, &scan);
    return scan.mode_text;
}
