/* user_memory_origins.c - where a pointer expression points: the roots
 * (user pointers as they enter the code), the table of pointer variables
 * that hold an address inside one, and the classification of any pointer
 * expression or lvalue into a root and a designator (".Hdr", "[2]", "@+8").
 *
 * Classification creates roots as it meets them (Type3InputBuffer,
 * Irp->UserBuffer, pointers loaded from user memory) unless the builder is
 * read-only, which is how um_user_pointer answers rules after the build. */
#include "user_memory_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* fact_strip, also through C++ named casts (static_cast<T *>(p), ...),
 * which the facts keep as NODE_OTHER. */
const struct fact_node *um_strip(const struct fact_node *node)
{
    for (;;) {
        node = fact_strip(node);
        if (node && node->kind == NODE_OTHER && node->child_count > 0 && node->text &&
            (um_starts_with(node->text, "static_cast") || um_starts_with(node->text, "reinterpret_cast") ||
             um_starts_with(node->text, "const_cast")))
            node = node->children[node->child_count - 1];
        else
            return node;
    }
}

/* Source text without blanks, for keys. */
static const char *squeeze(struct arena *arena, const char *text)
{
    size_t length = text ? strlen(text) : 0;
    char *out = arena_alloc(arena, length + 1), *p = out;
    for (size_t i = 0; i < length; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
            *p++ = text[i];
    *p = 0;
    return out;
}

bool um_text_has(const struct fact_node *node, const char *word)
{
    return node && node->text && strstr(node->text, word);
}

static size_t var_hash(const struct fact_function *function, uint64_t key)
{
    uint64_t h = key ^ ((uint64_t)(uintptr_t)function * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    return (size_t)(h * 0xBF58476D1CE4E5B9ull >> 7);
}

/* Variables are looked up for every expression: an open-addressing table
 * of indices into b->vars (0 = empty slot). */
struct var_info *um_find_var(struct builder *b, const struct fact_function *function, uint64_t key)
{
    if (!key || !b->var_table_size)
        return NULL;
    for (size_t i = var_hash(function, key) & (b->var_table_size - 1);; i = (i + 1) & (b->var_table_size - 1)) {
        unsigned slot = b->var_table[i];
        if (!slot)
            return NULL;
        struct var_info *var = &b->vars[slot - 1];
        if (var->decl_key == key && var->function == function)
            return var;
    }
}

static void index_var(struct builder *b, unsigned index)
{
    const struct var_info *var = &b->vars[index];
    size_t i = var_hash(var->function, var->decl_key) & (b->var_table_size - 1);
    while (b->var_table[i])
        i = (i + 1) & (b->var_table_size - 1);
    b->var_table[i] = index + 1;
}

static void grow_var_table(struct builder *b)
{
    if ((b->var_count + 1) * 2 < b->var_table_size)
        return;
    free(b->var_table);
    b->var_table_size = b->var_table_size ? b->var_table_size * 2 : 64;
    b->var_table = xcalloc(b->var_table_size, sizeof *b->var_table);
    for (unsigned i = 0; i < b->var_count; i++)
        index_var(b, i);
}

struct var_info *um_var_for(struct builder *b, const struct fact_function *function, uint64_t key,
                            const char *name)
{
    struct var_info *var = um_find_var(b, function, key);
    if (var)
        return var;
    grow_var_table(b);
    GROW(b->vars, b->var_count, b->var_capacity);
    var = &b->vars[b->var_count];
    memset(var, 0, sizeof *var);
    var->function = function;
    var->decl_key = key;
    var->name = name;
    var->root = -1;
    index_var(b, b->var_count++);
    return var;
}

unsigned um_add_root(struct builder *b, enum um_origin origin, const struct fact_function *function,
                     uint64_t key, const char *name, const struct fact_node *origin_node,
                     const struct fact_node *declaration, const struct fact_type *type)
{
    struct user_memory *m = b->memory;
    GROW(m->roots, m->root_count, b->root_capacity);
    struct um_root *root = &m->roots[m->root_count];
    memset(root, 0, sizeof *root);
    root->index = m->root_count;
    root->origin = origin;
    root->function = function;
    root->decl_key = key;
    root->name = name ? name : "";
    root->origin_node = origin_node;
    root->declaration = declaration;
    if (type)
        root->type = *type;
    root->parent_root = -1;
    b->changed = true;
    return m->root_count++;
}

/* Expression roots are keyed by function and their squeezed text. */
static int find_expression_root(struct builder *b, const struct fact_function *function, const char *key)
{
    for (unsigned i = 0; i < b->memory->root_count; i++) {
        const struct um_root *root = &b->memory->roots[i];
        if (root->function == function && root->decl_key == 0 && root->parent_root < 0 &&
            strcmp(root->name, key) == 0)
            return (int)i;
    }
    return -1;
}

/* Nested roots are keyed by the root and path they are loaded from. */
static int find_nested_root(struct builder *b, const struct fact_function *function, int parent, const char *path)
{
    for (unsigned i = 0; i < b->memory->root_count; i++) {
        const struct um_root *root = &b->memory->roots[i];
        if (root->function == function && root->decl_key == 0 && root->parent_root == parent && root->parent_path &&
            strcmp(root->parent_path, path) == 0)
            return (int)i;
    }
    return -1;
}

/* Where an lvalue lives, when in user memory: root and designator. */
bool um_classify_lvalue(struct builder *b, const struct fact_node *node, int *root, const char **designator)
{
    node = um_strip(node);
    if (!node || node->is_invalid)
        return false;
    switch (node->kind) {
    case NODE_UNARY:
        if (node->op && strcmp(node->op, "*") == 0) {
            struct pointer_class base = um_classify(b, fact_child(node, 0));
            if (base.state != VAR_USER)
                return false;
            *root = base.root;
            *designator = base.prefix;
            return true;
        }
        return false;
    case NODE_MEMBER: {
        const struct fact_node *child = fact_child(node, 0);
        const char *inner;
        int inner_root;
        if (node->is_arrow) {
            struct pointer_class base = um_classify(b, child);
            if (base.state != VAR_USER)
                return false;
            inner_root = base.root;
            inner = base.prefix;
        } else if (!um_classify_lvalue(b, child, &inner_root, &inner)) {
            return false;
        }
        *root = inner_root;
        *designator = um_arena_concat(b->arena, um_arena_concat(b->arena, inner, "."), node->name ? node->name : "?");
        return true;
    }
    case NODE_SUBSCRIPT: {
        const struct fact_node *base_node = fact_child(node, 0), *index = fact_child(node, 1);
        const char *inner;
        int inner_root;
        const struct fact_node *stripped = um_strip(base_node);
        if (stripped && stripped->type.type_class == TYPE_ARRAY) {
            if (!um_classify_lvalue(b, stripped, &inner_root, &inner))
                return false;
        } else {
            struct pointer_class base = um_classify(b, base_node);
            if (base.state != VAR_USER)
                return false;
            inner_root = base.root;
            inner = base.prefix;
            if (index && index->has_value && index->value == 0) {
                *root = inner_root;
                *designator = inner;
                return true;
            }
        }
        char element[32];
        if (index && index->has_value)
            snprintf(element, sizeof element, "[%lld]", index->value);
        else
            strcpy(element, "[?]");
        *root = inner_root;
        *designator = um_arena_concat(b->arena, inner, element);
        return true;
    }
    default:
        return false;
    }
}

/* A pointer-typed value loaded from user memory (or from the system buffer)
 * is itself a root: find or create it. */
static int nested_root(struct builder *b, const struct fact_node *load, int parent, const char *designator,
                       enum um_origin origin)
{
    const char *path = parent >= 0 ? um_render_path(b->arena, designator) : NULL;
    const char *text = squeeze(b->arena, load->text);
    int existing = parent >= 0 ? find_nested_root(b, b->current, parent, path)
                               : find_expression_root(b, b->current, text);
    if (existing >= 0 || b->read_only)
        return existing;
    unsigned index = um_add_root(b, origin, b->current, 0, text, load, NULL, &load->type);
    struct um_root *root = &b->memory->roots[index];
    root->parent_root = parent;
    root->parent_path = path;
    return (int)index;
}

static int expression_root(struct builder *b, enum um_origin origin, const struct fact_node *node)
{
    const char *key = squeeze(b->arena, node->text);
    int root = find_expression_root(b, b->current, key);
    if (root < 0 && !b->read_only)
        root = (int)um_add_root(b, origin, b->current, 0, key, node, NULL, &node->type);
    return root;
}

static struct pointer_class nested_class(struct builder *b, const struct fact_node *load, int parent,
                                         const char *designator, enum um_origin origin)
{
    int root = nested_root(b, load, parent, designator, origin);
    return root < 0 ? (struct pointer_class){0, -1, ""} : (struct pointer_class){VAR_USER, root, ""};
}

/* A root found or made for an expression (Type3InputBuffer, ...), as a class. */
static struct pointer_class expression_class(struct builder *b, enum um_origin origin, const struct fact_node *node)
{
    int root = expression_root(b, origin, node);
    return root < 0 ? (struct pointer_class){0, -1, ""} : (struct pointer_class){VAR_USER, root, ""};
}

/* The address of `lvalue` when it lies in user memory: `&p->f`, or an
 * array that decays to its own address. */
static struct pointer_class address_class(struct builder *b, const struct fact_node *lvalue)
{
    int root;
    const char *designator;
    if (um_classify_lvalue(b, lvalue, &root, &designator))
        return (struct pointer_class){VAR_USER, root, designator};
    return (struct pointer_class){0, -1, ""};
}

/* A pointer value read from user memory at `load` (`p->Next`, `*pp`,
 * `pp[i]`) is a nested root: true and its class in *out. */
static bool loaded_from_user_memory(struct builder *b, const struct fact_node *load, struct pointer_class *out)
{
    int root;
    const char *designator;
    if (!um_classify_lvalue(b, load, &root, &designator))
        return false;
    *out = nested_class(b, load, root, designator, UM_ORIGIN_NESTED);
    return true;
}

static bool is_configured_origin_field(const struct user_memory_config *config, const char *name)
{
    for (size_t i = 0; config && i < config->origin_field_count; i++)
        if (strcmp(config->origin_fields[i], name) == 0)
            return true;
    return false;
}

static bool is_kernel_buffer_member(const struct fact_node *node)
{
    return node->kind == NODE_MEMBER && node->name && strcmp(node->name, "SystemBuffer") == 0;
}

struct pointer_class um_classify(struct builder *b, const struct fact_node *node)
{
    struct pointer_class none = {0, -1, ""};
    node = um_strip(node);
    if (!node || node->is_invalid)
        return none;
    switch (node->kind) {
    case NODE_DECL_REF: {
        struct var_info *var = um_find_var(b, b->current, node->decl_key);
        if (!var)
            return none;
        /* Mixed user/kernel assignments: not trusted either way. */
        if (var->state == VAR_USER)
            return (struct pointer_class){VAR_USER, var->root, var->prefix};
        if (var->state == VAR_KERNEL_BUFFER)
            return (struct pointer_class){VAR_KERNEL_BUFFER, -1, ""};
        return none;
    }
    case NODE_MEMBER: {
        if (node->name && strcmp(node->name, "Type3InputBuffer") == 0) {
            return expression_class(b, UM_ORIGIN_TYPE3_INPUT, node);
        }
        if (node->name && is_configured_origin_field(b->config, node->name)) {
            return expression_class(b, UM_ORIGIN_CONFIG_FIELD, node);
        }
        if (node->name && strcmp(node->name, "UserBuffer") == 0 && node->is_arrow &&
            um_text_has(node, "UserBuffer")) {
            const struct fact_node *base = fact_child(node, 0);
            if (base && base->type.pointee_canonical && strstr(base->type.pointee_canonical, "_IRP")) {
                return expression_class(b, UM_ORIGIN_USER_BUFFER, node);
            }
        }
        if (is_kernel_buffer_member(node))
            return (struct pointer_class){VAR_KERNEL_BUFFER, -1, ""};
        if (node->type.type_class == TYPE_ARRAY) {
            /* An array field decays to its own address: In->Data is a
             * pointer into the same user buffer. */
            return address_class(b, node);
        }
        if (node->type.type_class != TYPE_POINTER)
            return none;
        /* A pointer field: loaded from user memory, or from a kernel buffer. */
        struct pointer_class loaded;
        if (loaded_from_user_memory(b, node, &loaded))
            return loaded;
        const struct fact_node *base = fact_child(node, 0);
        if (node->is_arrow && um_classify(b, base).state == VAR_KERNEL_BUFFER)
            return nested_class(b, node, -1, "", UM_ORIGIN_SYSTEM_BUFFER_FIELD);
        const struct fact_node *captured = um_strip(base);
        if (!node->is_arrow && captured && captured->kind == NODE_DECL_REF) {
            struct var_info *var = um_find_var(b, b->current, captured->decl_key);
            if (var && (var->state & VAR_CAPTURED))
                return nested_class(b, node, -1, "", UM_ORIGIN_NESTED);
        }
        return none;
    }
    case NODE_UNARY:
        if (node->op && strcmp(node->op, "&") == 0)
            return address_class(b, fact_child(node, 0));
        if (node->op && strcmp(node->op, "*") == 0 && node->type.type_class == TYPE_POINTER) {
            struct pointer_class loaded;
            if (loaded_from_user_memory(b, node, &loaded))
                return loaded;
        }
        return none;
    case NODE_SUBSCRIPT:
        if (node->type.type_class == TYPE_ARRAY)
            return address_class(b, node);
        if (node->type.type_class == TYPE_POINTER) {
            struct pointer_class loaded;
            if (loaded_from_user_memory(b, node, &loaded))
                return loaded;
        }
        return none;
    case NODE_BINARY:
        if (node->op && (strcmp(node->op, "+") == 0 || strcmp(node->op, "-") == 0) &&
            node->type.type_class == TYPE_POINTER) {
            const struct fact_node *left = fact_child(node, 0), *right = fact_child(node, 1);
            const struct fact_node *base = left, *offset = right;
            if (um_strip(left) && um_strip(left)->type.type_class != TYPE_POINTER)
                base = right, offset = left;
            struct pointer_class inner = um_classify(b, base);
            if (inner.state != VAR_USER)
                return inner.state ? inner : none;
            char text[48];
            long long element = um_strip(base)->type.pointee_size > 0 ? um_strip(base)->type.pointee_size : 1;
            if (offset && offset->has_value)
                snprintf(text, sizeof text, "@%s%lld", node->op, offset->value * element);
            else
                snprintf(text, sizeof text, "@%s?", node->op);
            if (offset && offset->has_value && offset->value == 0)
                return inner;
            inner.prefix = um_arena_concat(b->arena, inner.prefix, text);
            return inner;
        }
        if (node->op && strcmp(node->op, "=") == 0)
            return um_classify(b, fact_child(node, 1));
        return none;
    case NODE_CALL: {
        const char *name = um_call_name(node);
        if (node->type.type_class == TYPE_POINTER && name && um_starts_with(name, "ReadPointerFrom")) {
            return nested_class(b, node, -1, "", UM_ORIGIN_NESTED);
        }
        return none;
    }
    default:
        return none;
    }
}

bool um_user_pointer(const struct user_memory *memory, const struct fact_function *function,
                     const struct fact_node *expression, unsigned *root, const char **prefix)
{
    /* Read-only classification against the finished tables. */
    struct builder b = {0};
    b.memory = (struct user_memory *)memory;
    b.arena = (struct arena *)&memory->arena;
    b.current = function;
    b.read_only = true;
    for (unsigned i = 0; i < memory->pointer_count; i++) {
        if (memory->pointers[i].function != function)
            continue;
        struct var_info *var = um_var_for(&b, function, memory->pointers[i].decl_key, memory->pointers[i].name);
        var->state = VAR_USER;
        var->root = (int)memory->pointers[i].root;
        var->prefix = memory->pointers[i].prefix;
    }
    unsigned before = memory->root_count;
    struct pointer_class value = um_classify(&b, expression);
    free(b.vars);
    free(b.var_table);
    /* Classification must not grow the tables after the build: only accept
     * answers naming an existing root. */
    if (value.state != VAR_USER || value.root < 0 || (unsigned)value.root >= before)
        return false;
    if (root)
        *root = (unsigned)value.root;
    if (prefix)
        *prefix = value.prefix;
    return true;
}
