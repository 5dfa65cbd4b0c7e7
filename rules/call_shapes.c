/* call_shapes.c - see call_shapes.h. */
#include "rules/call_shapes.h"

#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "tool/strbuf.h"

void node_list_push(struct node_list *list, const struct fact_node *node)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->items = xrealloc(list->items, list->capacity * sizeof *list->items);
    }
    list->items[list->count++] = node;
}

void node_list_free(struct node_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

void shape_collect(const struct fact_node *root, bool (*match)(const struct fact_node *, void *), void *data,
                   struct node_list *list)
{
    if (!root)
        return;
    if (match(root, data))
        node_list_push(list, root);
    for (unsigned i = 0; i < root->child_count; i++)
        shape_collect(root->children[i], match, data, list);
}

bool shape_same_expression(const struct fact_node *a, const struct fact_node *b)
{
    a = fact_strip(a);
    b = fact_strip(b);
    if (!a || !b)
        return false;
    if (a->kind == NODE_DECL_REF && b->kind == NODE_DECL_REF)
        return a->decl_key != 0 && a->decl_key == b->decl_key;
    /* Text is only meaningful when the node is written where it appears. */
    if (a->macro || b->macro || !a->text || !b->text || !*a->text)
        return false;
    return a->kind == b->kind && strcmp(a->text, b->text) == 0;
}

const char *shape_unqualified(const char *spelling)
{
    for (;;) {
        if (strncmp(spelling, "const ", 6) == 0)
            spelling += 6;
        else if (strncmp(spelling, "volatile ", 9) == 0)
            spelling += 9;
        else
            return spelling;
    }
}

bool shape_same_type(const char *a, const char *b)
{
    return a && b && strcmp(shape_unqualified(a), shape_unqualified(b)) == 0;
}

static bool same_file(const struct fact_node *a, const struct fact_node *b)
{
    return a->file && b->file && (a->file == b->file || strcmp(a->file, b->file) == 0);
}

bool shape_before(const struct fact_node *node, const struct fact_node *later)
{
    return node && later && same_file(node, later) && node->end_offset <= later->offset;
}

bool shape_within(const struct fact_node *node, const struct fact_node *outer)
{
    return node && outer && same_file(node, outer) && node->offset >= outer->offset &&
           node->end_offset <= outer->end_offset;
}

bool shape_is_simple(const struct fact_node *node)
{
    return node && (node->kind == NODE_DECL_REF || node->kind == NODE_MEMBER || node->kind == NODE_PAREN ||
                    node->kind == NODE_CALL || node->kind == NODE_SUBSCRIPT);
}

const struct fact_node *shape_address_of(const struct fact_node *node)
{
    const struct fact_node *stripped = fact_strip(node);
    if (!stripped || stripped->kind != NODE_UNARY || !stripped->op || strcmp(stripped->op, "&") != 0)
        return NULL;
    return fact_child(stripped, 0);
}

char *shape_sizeof_object_text(const struct fact_node *object)
{
    return xasprintf("sizeof(%s)", object->text);
}

char *shape_sizeof_pointee_text(const struct fact_node *pointer)
{
    const struct fact_node *stripped = fact_strip(pointer);
    if (stripped != pointer && pointer->kind == NODE_PAREN && !pointer->macro)
        stripped = pointer;   /* keep the user's own parentheses */
    return xasprintf(shape_is_simple(stripped) ? "sizeof(*%s)" : "sizeof(*(%s))", stripped->text);
}

bool shape_is_probe(const struct fact_node *call)
{
    return call && call->kind == NODE_CALL && call->name &&
           (strcmp(call->name, "ProbeForRead") == 0 || strcmp(call->name, "ProbeForWrite") == 0 ||
            strcmp(call->name, "ExProbeAlignment") == 0);
}

static bool is_classic_probe(const struct fact_node *node)
{
    return node->kind == NODE_CALL && !node->is_invalid && node->name &&
           (strcmp(node->name, "ProbeForRead") == 0 || strcmp(node->name, "ProbeForWrite") == 0);
}

bool shape_is_relational(const struct fact_node *node)
{
    return node->kind == NODE_BINARY && node->op &&
           (strcmp(node->op, "<") == 0 || strcmp(node->op, "<=") == 0 || strcmp(node->op, ">") == 0 ||
            strcmp(node->op, ">=") == 0);
}

bool shape_is_comparison(const struct fact_node *node)
{
    return shape_is_relational(node) ||
           (node->kind == NODE_BINARY && node->op && (strcmp(node->op, "==") == 0 || strcmp(node->op, "!=") == 0));
}

bool shape_is_overflow_check_call(const struct fact_node *node)
{
    static const char *const suffixes[] = {"Mult", "Add", "Sub", "Multiply"};
    if (node->kind != NODE_CALL || !node->name)
        return false;
    size_t length = strlen(node->name);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t suffix = strlen(suffixes[i]);
        if (length > suffix && strcmp(node->name + length - suffix, suffixes[i]) == 0)
            return true;
    }
    return false;
}

static bool is_definition(const struct fact_node *node)
{
    return (node->kind == NODE_VAR_DECL && node->child_count > 0) ||
           (node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0);
}

static void index_node(const struct fact_node *node, struct shape_function *index)
{
    if (is_classic_probe(node))
        node_list_push(&index->probes, node);
    if (shape_is_comparison(node) || shape_is_overflow_check_call(node))
        node_list_push(&index->checks, node);
    if (is_definition(node))
        node_list_push(&index->definitions, node);
    for (unsigned i = 0; i < node->child_count; i++)
        index_node(node->children[i], index);
}

void shape_function_index(const struct fact_function *function, const struct user_memory *memory,
                          struct shape_function *index)
{
    memset(index, 0, sizeof *index);
    index->function = function;
    if (function->body)
        index_node(function->body, index);
    for (unsigned i = 0; memory && i < memory->pointer_count; i++) {
        const struct um_pointer *pointer = &memory->pointers[i];
        if (pointer->function != function || !pointer->decl_key || !pointer->prefix || *pointer->prefix)
            continue;
        index->pointers = xrealloc(index->pointers, (index->pointer_count + 1) * sizeof *index->pointers);
        index->pointers[index->pointer_count++] = pointer;
    }
}

void shape_function_free(struct shape_function *index)
{
    free(index->pointers);
    index->pointers = NULL;
    index->pointer_count = 0;
    node_list_free(&index->probes);
    node_list_free(&index->checks);
    node_list_free(&index->definitions);
}

static void walk(const struct fact_node *node, const struct shape_function *index, shape_visit_fn *visit, void *data)
{
    visit(node, index, data);
    for (unsigned i = 0; i < node->child_count; i++)
        walk(node->children[i], index, visit, data);
}

struct shape_cache {
    const struct facts *facts;
    const struct user_memory *memory;
    struct shape_function *indexes;
    bool *built;
};

struct shape_cache *shape_cache_create(const struct facts *facts, const struct user_memory *memory)
{
    struct shape_cache *cache = xcalloc(1, sizeof *cache);
    cache->facts = facts;
    cache->memory = memory;
    if (facts->function_count) {
        cache->indexes = xcalloc(facts->function_count, sizeof *cache->indexes);
        cache->built = xcalloc(facts->function_count, sizeof *cache->built);
    }
    return cache;
}

void shape_cache_free(struct shape_cache *cache)
{
    if (!cache)
        return;
    for (unsigned i = 0; i < cache->facts->function_count; i++)
        if (cache->built[i])
            shape_function_free(&cache->indexes[i]);
    free(cache->indexes);
    free(cache->built);
    free(cache);
}

const struct shape_function *shape_cache_get(struct shape_cache *cache, unsigned function_index)
{
    if (!cache->built[function_index]) {
        shape_function_index(cache->facts->functions[function_index], cache->memory, &cache->indexes[function_index]);
        cache->built[function_index] = true;
    }
    return &cache->indexes[function_index];
}

void shape_for_each_node(struct rule_context *context, shape_visit_fn *visit, void *data)
{
    const struct facts *facts = context->facts;
    for (unsigned i = 0; i < facts->function_count; i++) {
        if (!facts->functions[i]->body)
            continue;
        const struct shape_function *index = context->shapes
            ? shape_cache_get(context->shapes, i)
            : NULL;
        struct shape_function own;
        if (!index) {   /* a context without a cache (a rule run on its own) */
            shape_function_index(facts->functions[i], context->user_memory, &own);
            index = &own;
        }
        walk(facts->functions[i]->body, index, visit, data);
        if (index == &own)
            shape_function_free(&own);
    }
}

/* The root of a variable that holds a user address with no offset, or -1. */
static long root_of_variable(const struct shape_function *index, const struct fact_node *node)
{
    node = fact_strip(node);
    if (!node || node->kind != NODE_DECL_REF || !node->decl_key)
        return -1;
    for (unsigned i = 0; i < index->pointer_count; i++)
        if (index->pointers[i]->decl_key == node->decl_key)
            return (long)index->pointers[i]->root;
    return -1;
}

bool shape_same_pointer(const struct shape_function *index, const struct fact_node *a, const struct fact_node *b)
{
    if (shape_same_expression(a, b))
        return true;
    if (!index || index->pointer_count == 0)
        return false;
    long root = root_of_variable(index, a);
    return root >= 0 && root == root_of_variable(index, b);
}

bool shape_is_user_pointer(const struct shape_function *index, const struct fact_node *variable)
{
    if (root_of_variable(index, variable) >= 0)
        return true;
    for (unsigned i = 0; i < index->probes.count; i++)
        if (shape_same_expression(fact_call_arg(index->probes.items[i], 0), variable))
            return true;
    return false;
}

const struct fact_node *shape_probe_before(const struct shape_function *index, const struct fact_node *pointer,
                                           const struct fact_node *node)
{
    /* The list is in source order: the nearest match before the node wins. */
    for (unsigned i = index->probes.count; i-- > 0;) {
        const struct fact_node *probe = index->probes.items[i];
        if (shape_before(probe, node) && shape_same_pointer(index, fact_call_arg(probe, 0), pointer))
            return probe;
    }
    return NULL;
}

/* ---- copies ------------------------------------------------------------- */

struct copy_form {
    const char *api;        /* as written */
    const char *base;       /* the function called (for the macros: the one inside) */
    bool reads_user, is_mode, is_aligned, is_non_temporal;
};

static const struct copy_form copy_forms[] = {
    {"CopyFromUser", "CopyFromUser", true, false, false, false},
    {"CopyFromUserNonTemporal", "CopyFromUserNonTemporal", true, false, false, true},
    {"CopyToUser", "CopyToUser", false, false, false, false},
    {"CopyToUserNonTemporal", "CopyToUserNonTemporal", false, false, false, true},
    {"CopyFromMode", "CopyFromMode", true, true, false, false},
    {"CopyFromModeNonTemporal", "CopyFromModeNonTemporal", true, true, false, true},
    {"CopyToMode", "CopyToMode", false, true, false, false},
    {"CopyToModeNonTemporal", "CopyToModeNonTemporal", false, true, false, true},
    {"CopyFromUserAligned", "CopyFromUser", true, false, true, false},
    {"CopyToUserAligned", "CopyToUser", false, false, true, false},
    {"CopyFromModeAligned", "CopyFromMode", true, true, true, false},
    {"CopyToModeAligned", "CopyToMode", false, true, true, false},
};

static const struct copy_form *copy_form_of(const struct fact_node *call)
{
    if (!call->name)
        return NULL;
    for (size_t i = 0; i < sizeof copy_forms / sizeof copy_forms[0]; i++) {
        const struct copy_form *form = &copy_forms[i];
        if (strcmp(call->name, form->base) != 0)
            continue;
        /* The macro forms show up as their inner call with the macro's name;
         * a plain call must not come from one of them. */
        bool from_macro = call->macro && strcmp(call->macro, form->api) == 0;
        if (form->is_aligned ? from_macro : (!call->macro || strcmp(call->macro, form->api) == 0 ||
                                             !strstr(call->macro, "Aligned")))
            return form;
    }
    return NULL;
}

static const char *library_api(const struct fact_node *call)
{
    static const char *const functions[] = {"memcpy", "memmove", "RtlCopyMemory", "RtlMoveMemory"};
    static const char *const macros[] = {"RtlCopyMemory", "RtlMoveMemory", "RtlCopyBytes"};
    if (!call->name)
        return NULL;
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        if (strcmp(call->name, functions[i]) != 0)
            continue;
        if (!call->macro)
            return functions[i];
        for (size_t j = 0; j < sizeof macros / sizeof macros[0]; j++)
            if (strcmp(call->macro, macros[j]) == 0)
                return macros[j];
        return NULL;
    }
    return NULL;
}

bool copy_call_parse(const struct fact_node *call, const struct shape_function *index, struct copy_call *copy)
{
    memset(copy, 0, sizeof *copy);
    if (!call || call->kind != NODE_CALL || call->is_invalid || fact_call_arg_count(call) < 3)
        return false;
    copy->call = call;
    copy->destination = fact_call_arg(call, 0);
    copy->source = fact_call_arg(call, 1);
    copy->length = fact_call_arg(call, 2);
    const struct copy_form *form = copy_form_of(call);
    if (form) {
        copy->api = form->api;
        copy->base_api = form->base;
        copy->reads_user = form->reads_user;
        copy->is_mode = form->is_mode;
        copy->is_aligned = form->is_aligned;
        copy->is_non_temporal = form->is_non_temporal;
    } else {
        const char *api = library_api(call);
        if (!api || !index)
            return false;
        copy->api = api;
        copy->base_api = call->name;
        copy->is_library = true;
        const struct fact_node *probe = shape_probe_before(index, copy->destination, call);
        copy->reads_user = probe == NULL;
        if (!probe)
            probe = shape_probe_before(index, copy->source, call);
        if (!probe)
            return false;
        copy->probe = probe;
    }
    copy->kernel = copy->reads_user ? copy->destination : copy->source;
    copy->user = copy->reads_user ? copy->source : copy->destination;
    return true;
}

unsigned shape_written_arguments(const struct fact_node *call, char **arguments, unsigned max_arguments)
{
    return rule_invocation_arguments(call->text, arguments, max_arguments);
}

/* ---- requestor mode ----------------------------------------------------- */

static bool is_named(const struct fact_node *node, const char *name)
{
    node = fact_strip(node);
    return node && node->kind == NODE_DECL_REF && node->name && strcmp(node->name, name) == 0;
}

const struct fact_node *shape_mode_test(const struct fact_node *condition, bool *tests_user)
{
    condition = fact_strip(condition);
    if (!condition || condition->kind != NODE_BINARY || !condition->op)
        return NULL;
    bool equal = strcmp(condition->op, "==") == 0;
    if (!equal && strcmp(condition->op, "!=") != 0)
        return NULL;
    const struct fact_node *left = fact_child(condition, 0), *right = fact_child(condition, 1);
    for (int side = 0; side < 2; side++) {
        const struct fact_node *constant = side ? left : right, *mode = side ? right : left;
        if (is_named(constant, "KernelMode")) {
            *tests_user = !equal;
            return fact_strip(mode);
        }
        if (is_named(constant, "UserMode")) {
            *tests_user = equal;
            return fact_strip(mode);
        }
    }
    return NULL;
}

bool shape_is_mode_source(const struct fact_node *node)
{
    node = fact_strip(node);
    if (!node || !node->name)
        return false;
    if (node->kind == NODE_MEMBER)
        return strcmp(node->name, "RequestorMode") == 0;
    if (node->kind == NODE_CALL)
        return strcmp(node->name, "ExGetPreviousMode") == 0 || strcmp(node->name, "KeGetPreviousMode") == 0 ||
               strcmp(node->name, "WdfRequestGetRequestorMode") == 0;
    return false;
}
