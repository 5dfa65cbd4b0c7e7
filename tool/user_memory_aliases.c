/* user_memory_aliases.c - phase 1: which variables hold user pointers.
 *
 * Each function's assignments, probe and accessor arguments and
 * WdfRequestRetrieve... outputs make pointer variables and roots; a user
 * pointer passed to a function of the translation unit makes that
 * parameter a root (UM_ORIGIN_CALLER_ARGUMENT) and records the call site
 * for phase 3. All of it is repeated over every function until nothing
 * changes: flow-insensitive inside a function, context-insensitive across
 * them. */
#include "user_memory_internal.h"

#include <stdlib.h>
#include <string.h>

static void assign(struct builder *b, uint64_t key, const char *name, const struct fact_node *source,
                   const struct fact_node *declaration)
{
    if (!key || !source)
        return;
    struct pointer_class value = um_classify(b, source);
    if (!value.state)
        return;
    struct var_info *var = um_var_for(b, b->current, key, name);
    if (var->root >= 0 && (unsigned)var->root < b->memory->root_count &&
        b->memory->roots[var->root].decl_key == key && value.state == VAR_USER)
        return; /* the variable is a root of its own (parameter): keep it */
    unsigned before = var->state;
    var->state |= value.state;
    if (value.state == VAR_USER && var->root < 0) {
        var->root = value.root;
        var->prefix = value.prefix;
        var->assigned_at = source;
        b->changed = true;
    }
    (void)declaration;
    if (var->state != before)
        b->changed = true;
}

/* The variable a pointer expression is rooted in: `p`, `(T)p`, `&p->f`, `p + n`. */
static const struct fact_node *base_variable(const struct fact_node *node)
{
    for (int depth = 0; depth < 16; depth++) {
        node = um_strip(node);
        if (!node)
            return NULL;
        if (node->kind == NODE_DECL_REF)
            return node->type.type_class == TYPE_POINTER || node->type.type_class == TYPE_OTHER ? node : NULL;
        if (node->kind == NODE_UNARY && node->op && strcmp(node->op, "&") == 0)
            node = fact_child(node, 0);
        else if (node->kind == NODE_MEMBER && node->is_arrow)
            node = fact_child(node, 0);
        else if (node->kind == NODE_MEMBER)
            node = fact_child(node, 0);
        else if (node->kind == NODE_SUBSCRIPT)
            node = fact_child(node, 0);
        else if (node->kind == NODE_BINARY && node->op && (!strcmp(node->op, "+") || !strcmp(node->op, "-")))
            node = um_strip(fact_child(node, 0)) && um_strip(fact_child(node, 0))->type.type_class == TYPE_POINTER
                       ? fact_child(node, 0) : fact_child(node, 1);
        else
            return NULL;
    }
    return NULL;
}

static const struct fact_node *param_declaration(const struct fact_function *function, uint64_t key)
{
    for (unsigned i = 0; i < function->param_count; i++)
        if (function->params[i]->decl_key == key)
            return function->params[i];
    return NULL;
}

/* Makes the variable under `argument` a root (probe or accessor argument). */
static void root_from_argument(struct builder *b, const struct fact_node *argument, enum um_origin origin,
                               const struct fact_node *call)
{
    if (um_classify(b, argument).state)
        return;
    const struct fact_node *variable = base_variable(argument);
    if (!variable || !variable->decl_key)
        return;
    struct var_info *var = um_var_for(b, b->current, variable->decl_key, variable->name);
    if (var->state & (VAR_KERNEL_BUFFER | VAR_USER))
        return;   /* already known either way: never re-root a variable */
    const struct fact_node *declaration = param_declaration(b->current, variable->decl_key);
    var->root = (int)um_add_root(b, origin, b->current, variable->decl_key, variable->name, call, declaration,
                                 &variable->type);
    var->prefix = "";
    var->state = VAR_USER;
}

static int compare_function_names(const void *left, const void *right)
{
    const struct fact_function *a = *(const struct fact_function *const *)left;
    const struct fact_function *b = *(const struct fact_function *const *)right;
    return strcmp(a->name, b->name);
}

const struct fact_function *um_function_named(struct builder *b, const char *name)
{
    size_t low = 0, high = b->by_name_count;
    while (name && low < high) {
        size_t middle = (low + high) / 2;
        int order = strcmp(b->by_name[middle]->name, name);
        if (order == 0)
            return b->by_name[middle];
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return NULL;
}

void um_index_function_names(struct builder *b)
{
    b->by_name = xcalloc(b->facts->function_count + 1, sizeof *b->by_name);
    for (unsigned i = 0; i < b->facts->function_count; i++)
        if (b->facts->functions[i]->name && b->facts->functions[i]->body)
            b->by_name[b->by_name_count++] = b->facts->functions[i];
    qsort(b->by_name, b->by_name_count, sizeof *b->by_name, compare_function_names);
}

void um_parameter_root(struct builder *b, const struct fact_function *callee, unsigned index,
                       enum um_origin origin, const struct fact_function *caller, const struct fact_node *call,
                       int argument_root)
{
    if (index >= callee->param_count)
        return;
    const struct fact_node *param = callee->params[index];
    if (!param->decl_key || param->type.type_class != TYPE_POINTER)
        return;
    struct var_info *var = um_var_for(b, callee, param->decl_key, param->name);
    unsigned root;
    if (var->state == VAR_USER && var->root >= 0 && b->memory->roots[var->root].decl_key == param->decl_key) {
        root = (unsigned)var->root;
    } else if (var->state == 0) {
        root = um_add_root(b, origin, callee, param->decl_key, param->name, NULL, param, &param->type);
        var->state = VAR_USER;
        var->root = (int)root;
        var->prefix = "";
    } else {
        return;
    }
    if (origin != UM_ORIGIN_CALLER_ARGUMENT || !caller || b->memory->roots[root].origin != UM_ORIGIN_CALLER_ARGUMENT)
        return;
    for (unsigned i = 0; i < b->site_count; i++)
        if (b->sites[i].call == call && b->sites[i].callee_root == root)
            return;
    GROW(b->sites, b->site_count, b->site_capacity);
    b->sites[b->site_count++] = (struct call_site){root, caller, call, (unsigned)argument_root};
}

/* Adds VAR_* bits to a variable's state; a new bit is a change for the
 * fixpoint. */
static void add_state(struct builder *b, struct var_info *var, unsigned state)
{
    if ((var->state & state) != state) {
        var->state |= state;
        b->changed = true;
    }
}

/* `&K` handed to ReadStructFromUser: K holds a copy of user memory. */
static void mark_captured(struct builder *b, const struct fact_node *destination)
{
    destination = um_strip(destination);
    const struct fact_node *object = destination && destination->kind == NODE_UNARY && destination->op &&
                                             strcmp(destination->op, "&") == 0
                                         ? um_strip(fact_child(destination, 0)) : NULL;
    if (!object || object->kind != NODE_DECL_REF || object->type.type_class != TYPE_RECORD)
        return;
    add_state(b, um_var_for(b, b->current, object->decl_key, object->name), VAR_CAPTURED);
}

/* The variable `V` of the `&V` output argument of WdfRequestRetrieve...Buffer,
 * or NULL. */
static const struct fact_node *retrieved_buffer_variable(const struct fact_node *call)
{
    const struct fact_node *out = um_strip(fact_call_arg(call, 2));
    const struct fact_node *variable = out && out->kind == NODE_UNARY ? um_strip(fact_child(out, 0)) : NULL;
    return variable && variable->kind == NODE_DECL_REF ? variable : NULL;
}

static void scan_call(struct builder *b, const struct fact_node *call)
{
    const char *name = um_call_name(call);
    if (!name)
        return;
    if (um_is_probe_name(name)) {
        root_from_argument(b, fact_call_arg(call, 0), UM_ORIGIN_PROBE, call);
        return;
    }
    if (um_is_accessor_name(name) && !(call->macro && call->name && strcmp(call->macro, call->name) != 0 &&
                                       !um_is_accessor_name(call->name))) {
        int second;
        int first = um_accessor_user_argument(call->name && um_is_accessor_name(call->name) ? call->name : name, &second);
        if (first >= 0)
            root_from_argument(b, fact_call_arg(call, (unsigned)first), UM_ORIGIN_ACCESSOR, call);
        if (first == 1 && um_accessor_reads(name))
            mark_captured(b, fact_call_arg(call, 0));
        if (second >= 0)
            root_from_argument(b, fact_call_arg(call, (unsigned)second), UM_ORIGIN_ACCESSOR, call);
        return;
    }
    if (name && (strcmp(name, "WdfRequestRetrieveUnsafeUserInputBuffer") == 0 ||
                 strcmp(name, "WdfRequestRetrieveUnsafeUserOutputBuffer") == 0)) {
        const struct fact_node *variable = retrieved_buffer_variable(call);
        if (variable && !um_find_var(b, b->current, variable->decl_key)) {
            struct var_info *var = um_var_for(b, b->current, variable->decl_key, variable->name);
            var->root = (int)um_add_root(b, UM_ORIGIN_WDF_UNSAFE, b->current, variable->decl_key, variable->name,
                                         call, NULL, &variable->type);
            var->prefix = "";
            var->state = VAR_USER;
        }
        return;
    }
    if (name && (strcmp(name, "WdfRequestRetrieveInputBuffer") == 0 ||
                 strcmp(name, "WdfRequestRetrieveOutputBuffer") == 0)) {
        const struct fact_node *variable = retrieved_buffer_variable(call);
        if (variable)
            add_state(b, um_var_for(b, b->current, variable->decl_key, variable->name), VAR_KERNEL_BUFFER);
        return;
    }
    const struct fact_function *callee = um_function_named(b, call->name);
    if (!callee || um_in_kernel_range(b, b->current, call) || um_serves_internal_only(b, b->current))
        return;
    for (unsigned i = 0; i < fact_call_arg_count(call); i++) {
        struct pointer_class argument = um_classify(b, fact_call_arg(call, i));
        if (argument.state == VAR_USER)
            um_parameter_root(b, callee, i, UM_ORIGIN_CALLER_ARGUMENT, b->current, call, argument.root);
    }
}

static void scan_node(const struct fact_node *node, void *data)
{
    struct builder *b = data;
    if (node->is_invalid)
        return;
    if (node->kind == NODE_VAR_DECL && node->child_count > 0 && node->decl_key &&
        (node->type.type_class == TYPE_POINTER)) {
        assign(b, node->decl_key, node->name, node->children[node->child_count - 1], node);
    } else if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0) {
        const struct fact_node *target = um_strip(fact_child(node, 0));
        if (target && target->kind == NODE_DECL_REF && target->type.type_class == TYPE_POINTER)
            assign(b, target->decl_key, target->name, fact_child(node, 1), NULL);
    } else if (node->kind == NODE_CALL) {
        scan_call(b, node);
    }
    /* K = *p, T K = *p: a struct captured from user memory. */
    const struct fact_node *target = NULL, *source = NULL;
    if (node->kind == NODE_VAR_DECL && node->child_count > 0 && node->type.type_class == TYPE_RECORD)
        target = node, source = node->children[node->child_count - 1];
    else if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0 &&
             um_strip(fact_child(node, 0)) && um_strip(fact_child(node, 0))->kind == NODE_DECL_REF &&
             um_strip(fact_child(node, 0))->type.type_class == TYPE_RECORD)
        target = um_strip(fact_child(node, 0)), source = fact_child(node, 1);
    int root;
    const char *designator;
    if (target && source && um_classify_lvalue(b, source, &root, &designator))
        add_state(b, um_var_for(b, b->current, target->decl_key, target->name), VAR_CAPTURED);
}

void um_find_aliases(struct builder *b)
{
    for (int round = 0; round < 32; round++) {
        b->changed = false;
        for (unsigned i = 0; i < b->facts->function_count; i++) {
            b->current = b->facts->functions[i];
            fact_walk(b->facts->functions[i]->body, scan_node, b);
        }
        if (!b->changed)
            break;
    }
}
