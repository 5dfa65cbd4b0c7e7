/* user_memory_accesses.c - phase 2: every read, write, probe and accessor
 * call that touches user memory, one walk per function body, each with
 * its path, guard, loop and kernel-only flags; and how a value read from
 * user memory is used (condition, allocation size, copy length, index,
 * address, logging), following it through casts, arithmetic and local
 * variables. um_value_uses answers the same question for rules. */
#include "user_memory_internal.h"

#include <string.h>

struct access_walk {
    struct builder *b;
    const struct fact_function *function;
    unsigned loop_depth;
};

static void walk_accesses(struct access_walk *walk, const struct fact_node *node);

static bool is_assignment_op(const char *op)
{
    return op && strchr(op, '=') && strcmp(op, "==") && strcmp(op, "!=") && strcmp(op, "<=") && strcmp(op, ">=");
}

static bool is_comparison_op(const char *op)
{
    static const char *const ops[] = {"==", "!=", "<", ">", "<=", ">=", "&&", "||", NULL};
    return um_name_in(op, ops);
}

static unsigned uses_of_variable(struct builder *b, const struct fact_function *function, uint64_t key,
                                 const struct fact_node *after, unsigned depth, const struct fact_node **use_node);

/* How the value of `value` is consumed. */
static unsigned value_uses(struct builder *b, const struct fact_function *function, const struct fact_node *value,
                           unsigned depth, const struct fact_node **use_node, uint64_t *captured, long long *mask,
                           bool *masked)
{
    const struct fact_node *child = value, *parent = value->parent;
    while (parent) {
        if (parent->kind == NODE_PAREN || parent->kind == NODE_CAST) {
            child = parent, parent = parent->parent;
            continue;
        }
        /* A field or element of a captured struct or array: follow that value. */
        if ((parent->kind == NODE_MEMBER && !parent->is_arrow) ||
            (parent->kind == NODE_SUBSCRIPT && child == fact_child(parent, 0) &&
             child->type.type_class == TYPE_ARRAY)) {
            child = parent, parent = parent->parent;
            continue;
        }
        if (parent->kind == NODE_BINARY && parent->op && strcmp(parent->op, "&") == 0) {
            const struct fact_node *other = fact_child(parent, 0) == child ? fact_child(parent, 1) : fact_child(parent, 0);
            if (other && other->has_value && mask && masked) {
                *mask = other->value;
                *masked = true;
            }
            child = parent, parent = parent->parent;
            continue;
        }
        break;
    }
    if (!parent)
        return UM_USE_DATA;
    if (use_node && !*use_node)
        *use_node = parent;
    switch (parent->kind) {
    case NODE_IF: case NODE_WHILE: case NODE_DO: case NODE_FOR: case NODE_SWITCH:
        return child == fact_child(parent, parent->kind == NODE_DO ? 1 : 0) || parent->kind == NODE_FOR
                   ? UM_USE_CONDITION : UM_USE_DATA;
    case NODE_CONDITIONAL:
        return child == fact_child(parent, 0) ? UM_USE_CONDITION
                                              : value_uses(b, function, parent, depth, NULL, NULL, NULL, NULL);
    case NODE_UNARY:
        if (parent->op && strcmp(parent->op, "!") == 0)
            return UM_USE_CONDITION;
        if (parent->op && strcmp(parent->op, "*") == 0)
            return UM_USE_POINTER;
        return value_uses(b, function, parent, depth, NULL, NULL, NULL, NULL);
    case NODE_MEMBER:
        return UM_USE_POINTER;
    case NODE_SUBSCRIPT:
        return child == fact_child(parent, 1) ? UM_USE_INDEX : UM_USE_POINTER;
    case NODE_BINARY:
        if (is_comparison_op(parent->op))
            return UM_USE_CONDITION;
        if (is_assignment_op(parent->op)) {
            const struct fact_node *target = um_strip(fact_child(parent, 0));
            if (child == fact_child(parent, 1) && target && target->kind == NODE_DECL_REF && strcmp(parent->op, "=") == 0) {
                if (captured)
                    *captured = target->decl_key;
                if (depth < 3)
                    return uses_of_variable(b, function, target->decl_key, parent, depth + 1, use_node);
            }
            return UM_USE_DATA;
        }
        if (parent->type.type_class == TYPE_POINTER)
            return UM_USE_INDEX;
        return value_uses(b, function, parent, depth, NULL, NULL, NULL, NULL);
    case NODE_VAR_DECL:
        if (captured)
            *captured = parent->decl_key;
        if (depth < 3)
            return uses_of_variable(b, function, parent->decl_key, parent, depth + 1, use_node);
        return UM_USE_DATA;
    case NODE_CALL: {
        const char *name = um_call_name(parent);
        unsigned index = 0;
        for (unsigned i = 1; i < parent->child_count; i++)
            if (parent->children[i] == child)
                index = i;
        if (index == 0)
            return UM_USE_POINTER;
        if (um_is_logging(name) || um_is_logging(parent->name))
            return UM_USE_LOGGING;
        if (um_is_allocation(name))
            return UM_USE_ALLOC_SIZE;
        if (um_is_probe_name(name))
            return UM_USE_CONDITION;
        if (child->type.type_class == TYPE_POINTER)
            return UM_USE_POINTER;   /* an address handed to a callee */
        /* Rtl macros expand to the C routines (RtlZeroMemory(d, n) is
         * memset(d, 0, n)): the IR arguments follow the expanded callee. */
        static const char *const c_routines[] = {"memcpy", "memmove", "memset", "memcmp", NULL};
        int length = um_length_argument(um_name_in(parent->name, c_routines) ? parent->name : name);
        if (length >= 0 && index - 1 == (unsigned)length)
            return UM_USE_COPY_LENGTH;
        return UM_USE_DATA;
    }
    default:
        return UM_USE_DATA;
    }
}

struct variable_uses {
    struct builder *b;
    const struct fact_function *function;
    uint64_t key;
    unsigned depth, uses;
    const struct fact_node **use_node;
};

static void visit_variable_use(const struct fact_node *node, void *data)
{
    struct variable_uses *scan = data;
    if (node->kind != NODE_DECL_REF || node->decl_key != scan->key)
        return;
    /* Skip the variable being assigned to. */
    const struct fact_node *up = node->parent;
    while (up && (up->kind == NODE_PAREN || up->kind == NODE_CAST))
        up = up->parent;
    if (up && up->kind == NODE_BINARY && is_assignment_op(up->op) && um_strip(fact_child(up, 0)) == node)
        return;
    if (up && up->kind == NODE_UNARY && up->op && strcmp(up->op, "&") == 0)
        return;
    scan->uses |= value_uses(scan->b, scan->function, node, scan->depth, scan->use_node, NULL, NULL, NULL);
}

static unsigned uses_of_variable(struct builder *b, const struct fact_function *function, uint64_t key,
                                 const struct fact_node *after, unsigned depth, const struct fact_node **use_node)
{
    (void)after;
    struct variable_uses scan = {b, function, key, depth, 0, use_node};
    fact_walk(function->body, visit_variable_use, &scan);
    return scan.uses;
}

static struct um_access *new_access(struct access_walk *walk, enum um_access_kind kind, const struct fact_node *node,
                                    const struct fact_node *pointer, int root, const char *designator)
{
    struct builder *b = walk->b;
    struct user_memory *m = b->memory;
    GROW(m->accesses, m->access_count, b->access_capacity);
    struct um_access *access = &m->accesses[m->access_count++];
    memset(access, 0, sizeof *access);
    access->kind = kind;
    access->node = node;
    access->pointer = pointer;
    access->function = walk->function;
    access->root = (unsigned)root;
    access->path = um_render_path(b->arena, designator);
    access->locally_guarded = node->guarded_depth > 0;
    access->in_loop = walk->loop_depth > 0;
    access->kernel_only = um_in_kernel_range(b, walk->function, node) || um_serves_internal_only(b, walk->function) ||
                          m->roots[root].kernel_only;
    return access;
}

static void record_value_uses(struct access_walk *walk, struct um_access *access, const struct fact_node *value)
{
    bool masked = false;
    long long mask = 0;
    access->uses = value_uses(walk->b, walk->function, value, 0, &access->use_node, &access->captured_into, &mask,
                              &masked);
    if (masked && (access->uses & UM_USE_CONDITION)) {
        access->is_bitmask_test = true;
        access->bitmask = mask;
    }
}

/* The pointer expression an lvalue chain starts from (E in *E, E->f, E[i]). */
static const struct fact_node *lvalue_base(const struct fact_node *node)
{
    for (;;) {
        node = um_strip(node);
        if (!node)
            return NULL;
        if (node->kind == NODE_MEMBER && !node->is_arrow) {
            node = fact_child(node, 0);
            continue;
        }
        if (node->kind == NODE_SUBSCRIPT) {
            const struct fact_node *base = um_strip(fact_child(node, 0));
            if (base && base->type.type_class == TYPE_ARRAY) {
                node = base;
                continue;
            }
            return fact_child(node, 0);
        }
        return fact_child(node, 0);
    }
}

/* Walks the parts of an lvalue chain that are evaluated besides the memory
 * access itself: the base pointer expression and subscript indexes. */
static void walk_lvalue_parts(struct access_walk *walk, const struct fact_node *node)
{
    node = um_strip(node);
    while (node && ((node->kind == NODE_MEMBER && !node->is_arrow) ||
                    (node->kind == NODE_SUBSCRIPT && um_strip(fact_child(node, 0)) &&
                     um_strip(fact_child(node, 0))->type.type_class == TYPE_ARRAY))) {
        if (node->kind == NODE_SUBSCRIPT)
            walk_accesses(walk, fact_child(node, 1));
        node = um_strip(fact_child(node, 0));
    }
    if (!node)
        return;
    if (node->kind == NODE_SUBSCRIPT)
        walk_accesses(walk, fact_child(node, 1));
    walk_accesses(walk, lvalue_base(node));
}

static bool is_lvalue_kind(const struct fact_node *node)
{
    return node->kind == NODE_MEMBER || node->kind == NODE_SUBSCRIPT ||
           (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0);
}

static void record_lvalue(struct access_walk *walk, const struct fact_node *node, int root, const char *designator)
{
    const struct fact_node *up = node->parent, *child = node;
    while (up && up->kind == NODE_PAREN)
        child = up, up = up->parent;
    /* Address taken, or an array decaying to a pointer: no access here. */
    if (up && up->kind == NODE_UNARY && up->op && strcmp(up->op, "&") == 0)
        return;
    if (node->type.type_class == TYPE_ARRAY || node->type.type_class == TYPE_FUNCTION)
        return;
    bool written = false, read = true;
    if (up && up->kind == NODE_BINARY && is_assignment_op(up->op) && fact_child(up, 0) == child) {
        written = true;
        read = strcmp(up->op, "=") != 0;
    }
    if (up && up->kind == NODE_UNARY && up->op && (strstr(up->op, "++") || strstr(up->op, "--")))
        written = true;
    enum um_access_kind kind = node->type.type_class == TYPE_RECORD ? UM_ACCESS_STRUCT_COPY : UM_ACCESS_DEREF;
    struct um_access *access = new_access(walk, kind, node, lvalue_base(node), root, designator);
    access->is_read = read;
    access->is_write = written;
    if (read && !written)
        record_value_uses(walk, access, node);
}

static const struct fact_node *find_inner_accessor_call(const struct fact_node *node)
{
    if (!node)
        return NULL;
    const struct fact_node *found = NULL;
    if (node->kind == NODE_CALL && node->name && um_is_accessor_name(node->name))
        found = node;
    for (unsigned i = 0; i < node->child_count; i++) {
        const struct fact_node *inner = find_inner_accessor_call(node->children[i]);
        if (inner)
            found = inner;
    }
    return found;
}

static void record_call_pointer(struct access_walk *walk, enum um_access_kind kind, const struct fact_node *call,
                                const char *api, unsigned index, bool read, bool write)
{
    const struct fact_node *argument = fact_call_arg(call, index);
    if (!argument)
        return;
    struct pointer_class pointer = um_classify(walk->b, argument);
    if (pointer.state != VAR_USER)
        return;
    struct um_access *access = new_access(walk, kind, call, argument, pointer.root, pointer.prefix);
    access->api = api;
    access->is_mode_api = um_is_mode_accessor_name(api);
    access->is_read = read;
    access->is_write = write;
    if (kind == UM_ACCESS_ACCESSOR && read && !write && call->type.type_class != TYPE_VOID)
        record_value_uses(walk, access, call);
}

/* An accessor written as a statement macro (ReadStructFromUser(&k, p)):
 * one access for the whole expansion, from its inner helper call. */
static void record_accessor_macro(struct access_walk *walk, const struct fact_node *node)
{
    const struct fact_node *helper = find_inner_accessor_call(node);
    if (!helper)
        return;
    int second;
    int first = um_accessor_user_argument(helper->name, &second);
    const char *api = node->macro;
    bool read = um_accessor_reads(api), write = um_accessor_writes(api);
    if (first >= 0)
        record_call_pointer(walk, UM_ACCESS_ACCESSOR, helper, api, (unsigned)first, read, write && second < 0);
    if (second >= 0)
        record_call_pointer(walk, UM_ACCESS_ACCESSOR, helper, api, (unsigned)second, true, false);
    /* The destination of ReadStructFromUser: a capture. */
    struct um_access *last = walk->b->memory->access_count ? &walk->b->memory->accesses[walk->b->memory->access_count - 1] : NULL;
    if (last && last->node == helper && read) {
        const struct fact_node *destination = um_strip(fact_call_arg(helper, 0));
        if (destination && destination->kind == NODE_UNARY && um_strip(fact_child(destination, 0)) &&
            um_strip(fact_child(destination, 0))->kind == NODE_DECL_REF) {
            last->captured_into = um_strip(fact_child(destination, 0))->decl_key;
            last->uses = uses_of_variable(walk->b, walk->function, last->captured_into, NULL, 1, &last->use_node);
        }
    }
    for (unsigned i = 1; i < helper->child_count; i++)
        walk_accesses(walk, helper->children[i]);
}

static void record_call(struct access_walk *walk, const struct fact_node *call)
{
    const char *name = um_call_name(call);
    if (!name)
        return;
    if (um_is_probe_name(name)) {
        record_call_pointer(walk, UM_ACCESS_PROBE, call, name, 0, false, strcmp(name, "ProbeForWrite") == 0);
        return;
    }
    if (um_is_accessor_name(name)) {
        int second;
        int first = um_accessor_user_argument(name, &second);
        bool read = um_accessor_reads(name), write = um_accessor_writes(name);
        if (second >= 0) {
            record_call_pointer(walk, UM_ACCESS_ACCESSOR, call, name, (unsigned)first, false, true);
            record_call_pointer(walk, UM_ACCESS_ACCESSOR, call, name, (unsigned)second, true, false);
        } else if (first >= 0) {
            record_call_pointer(walk, UM_ACCESS_ACCESSOR, call, name, (unsigned)first, read, write);
        }
        return;
    }
    if (um_is_library_copy(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, false, true);
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 1, true, false);
    } else if (um_is_library_fill(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, false, true);
    } else if (um_is_library_compare(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, true, false);
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 1, true, false);
    } else if (um_is_library_string(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, true, false);
    } else if (strcmp(name, "RtlInitUnicodeString") == 0 || strcmp(name, "RtlInitAnsiString") == 0) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, false, true);
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 1, true, false);
    }
}

static bool is_accessor_macro_statement(const struct fact_node *node)
{
    return node->macro && um_is_accessor_name(node->macro) && node->kind != NODE_CALL &&
           (node->kind == NODE_DO || node->kind == NODE_COMPOUND);
}

static void walk_accesses(struct access_walk *walk, const struct fact_node *node)
{
    if (!node || node->is_invalid)
        return;
    if (node->kind == NODE_SIZEOF)
        return; /* unevaluated */
    if (is_accessor_macro_statement(node)) {
        record_accessor_macro(walk, node);
        return;
    }
    if (node->kind == NODE_CALL && node->macro && um_is_accessor_name(node->macro) && node->name &&
        !um_is_accessor_name(node->name) && strcmp(node->macro, node->name) != 0)
        return; /* a piece of an accessor macro's expansion */
    if (is_lvalue_kind(node)) {
        int root;
        const char *designator;
        if (um_classify_lvalue(walk->b, node, &root, &designator)) {
            record_lvalue(walk, node, root, designator);
            walk_lvalue_parts(walk, node);
            return;
        }
    }
    if (node->kind == NODE_CALL)
        record_call(walk, node);
    bool loop = node->kind == NODE_WHILE || node->kind == NODE_DO || node->kind == NODE_FOR;
    walk->loop_depth += loop;
    for (unsigned i = 0; i < node->child_count; i++)
        walk_accesses(walk, node->children[i]);
    walk->loop_depth -= loop;
}

void um_record_accesses(struct builder *b)
{
    struct access_walk walk = {b, b->current, 0};
    walk_accesses(&walk, b->current->body);
}

unsigned um_value_uses(const struct user_memory *memory, const struct fact_function *function,
                       const struct fact_node *value)
{
    struct builder b = {0};
    b.memory = (struct user_memory *)memory;
    b.read_only = true;
    b.current = function;
    const struct fact_node *use_node = NULL;
    return value ? value_uses(&b, function, value, 0, &use_node, NULL, NULL, NULL) : 0;
}
