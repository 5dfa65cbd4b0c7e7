/* user_memory.c - user pointers, their aliases and the accesses through
 * them, computed from the facts of one translation unit (see user_memory.h).
 *
 * Three phases:
 *   1. roots and pointer variables: a fixpoint over every function's
 *      assignments, probes, accessor calls and calls to functions of the TU;
 *   2. accesses: one walk per function body recording each touch of user
 *      memory with its path, guard, scope and the use of the value read;
 *   3. interprocedural facts: probes made by every caller, helpers whose
 *      every call is guarded.
 * Everything is flow-insensitive except "a probe precedes it", which is
 * source order inside the function. */
#include "user_memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* ---- names -------------------------------------------------------------- */

static bool starts_with(const char *text, const char *prefix)
{
    return text && strncmp(text, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t length = text ? strlen(text) : 0, suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

static bool name_in(const char *name, const char *const *names)
{
    for (; name && *names; names++)
        if (strcmp(name, *names) == 0)
            return true;
    return false;
}

bool um_is_probe_name(const char *name)
{
    static const char *const probes[] = {"ProbeForRead", "ProbeForWrite", "ExProbeAlignment", NULL};
    return name_in(name, probes);
}

bool um_is_accessor_name(const char *name)
{
    if (!name)
        return false;
    if (starts_with(name, "Rtl"))
        name += 3;
    if (starts_with(name, "Read") && (strstr(name, "FromUser") || strstr(name, "FromMode")))
        return true;
    if (starts_with(name, "Write") && (strstr(name, "ToUser") || strstr(name, "ToMode")))
        return true;
    if (starts_with(name, "CopyFromUser") || starts_with(name, "CopyToUser") || starts_with(name, "CopyFromMode") ||
        starts_with(name, "CopyToMode") || starts_with(name, "MoveToUserFromUser"))
        return true;
    if (ends_with(name, "UserMemory") || ends_with(name, "ModeMemory"))
        return true;
    if (starts_with(name, "Interlocked") && (ends_with(name, "ToUser") || ends_with(name, "ToMode")))
        return true;
    return strcmp(name, "StringLengthFromUser") == 0 || strcmp(name, "WideStringLengthFromUser") == 0 ||
           strcmp(name, "StringLengthFromMode") == 0 || strcmp(name, "WideStringLengthFromMode") == 0;
}

bool um_is_mode_accessor_name(const char *name)
{
    return um_is_accessor_name(name) &&
           (strstr(name, "FromMode") || strstr(name, "ToMode") || ends_with(name, "ModeMemory") ||
            starts_with(name, "CopyFromUserToMode"));
}

static bool accessor_reads(const char *name)
{
    if (starts_with(name, "Rtl"))
        name += 3;
    return starts_with(name, "Read") || starts_with(name, "CopyFrom") || strstr(name, "StringLength") ||
           starts_with(name, "Interlocked") || starts_with(name, "CopyToUserFromUser") ||
           starts_with(name, "MoveToUserFromUser");
}

static bool accessor_writes(const char *name)
{
    if (starts_with(name, "Rtl"))
        name += 3;
    return starts_with(name, "Write") || starts_with(name, "CopyTo") || starts_with(name, "MoveTo") ||
           ends_with(name, "Memory") || starts_with(name, "Interlocked");
}

int um_accessor_user_argument(const char *name, int *second)
{
    if (second)
        *second = -1;
    if (!um_is_accessor_name(name))
        return -1;
    if (starts_with(name, "Rtl"))
        name += 3;
    if (starts_with(name, "CopyToUserFromUser") || starts_with(name, "MoveToUserFromUser")) {
        if (second)
            *second = 1;
        return 0;
    }
    if (starts_with(name, "ReadStruct") || starts_with(name, "CopyFrom"))
        return 1;
    return 0;
}

static bool is_library_copy(const char *name)
{
    static const char *const names[] = {"memcpy", "memmove", "RtlCopyMemory", "RtlMoveMemory", "RtlCopyBytes",
                                        "RtlCopyMemoryNonTemporal", "RtlCopyVolatileMemory",
                                        "RtlMoveVolatileMemory", NULL};
    return name_in(name, names);
}

static bool is_library_fill(const char *name)
{
    static const char *const names[] = {"memset", "RtlFillMemory", "RtlZeroMemory", "RtlSecureZeroMemory",
                                        "RtlFillBytes", "RtlZeroBytes", "RtlFillVolatileMemory", NULL};
    return name_in(name, names);
}

static bool is_library_compare(const char *name)
{
    static const char *const names[] = {"memcmp", "RtlEqualMemory", "RtlCompareMemory", NULL};
    return name_in(name, names);
}

static bool is_library_string(const char *name)
{
    static const char *const names[] = {"strlen", "wcslen", "strnlen", "wcsnlen", NULL};
    return name_in(name, names);
}

static bool is_allocation(const char *name)
{
    return starts_with(name, "ExAllocatePool") || name_in(name, (const char *const[]){"malloc", "ExAllocateFromNPagedLookasideList", NULL});
}

static bool is_logging(const char *name)
{
    static const char *const names[] = {"DbgPrint", "DbgPrintEx", "KdPrint", "KdPrintEx", "vDbgPrintEx",
                                        "TraceEvents", "DoTraceMessage", "WppTrace", NULL};
    return name_in(name, names);
}

/* The name a call is written as: its macro when that is one of the APIs
 * the analysis knows (RtlCopyMemory -> memcpy), else the callee. */
static const char *call_name(const struct fact_node *call)
{
    if (call->macro && (um_is_accessor_name(call->macro) || um_is_probe_name(call->macro) ||
                        is_library_copy(call->macro) || is_library_fill(call->macro) ||
                        is_library_compare(call->macro) || is_logging(call->macro) ||
                        is_allocation(call->macro) || strcmp(call->macro, "RtlInitUnicodeString") == 0))
        return call->macro;
    return call->name;
}

/* Length argument index of a copy or fill, or -1. */
static int length_argument(const char *name)
{
    if (is_library_copy(name) || name_in(name, (const char *const[]){"memset", "memcmp", "RtlEqualMemory",
                                                                       "RtlCompareMemory", NULL}))
        return 2;
    if (name_in(name, (const char *const[]){"RtlZeroMemory", "RtlSecureZeroMemory", "RtlZeroBytes", NULL}))
        return 1;
    if (name_in(name, (const char *const[]){"RtlFillMemory", "RtlFillBytes", NULL}))
        return 1;
    if (um_is_accessor_name(name) && (strstr(name, "Copy") || strstr(name, "Move") || strstr(name, "Memory")))
        return strstr(name, "Fill") || strstr(name, "Zero") || strstr(name, "Set") ? 1 : 2;
    return -1;
}

const char *um_origin_name(enum um_origin origin)
{
    switch (origin) {
    case UM_ORIGIN_PROBE: return "a probed pointer";
    case UM_ORIGIN_ACCESSOR: return "a pointer passed to a user-mode accessor";
    case UM_ORIGIN_TYPE3_INPUT: return "Type3InputBuffer (METHOD_NEITHER)";
    case UM_ORIGIN_USER_BUFFER: return "Irp->UserBuffer";
    case UM_ORIGIN_NESTED: return "a pointer loaded from user memory";
    case UM_ORIGIN_SYSTEM_BUFFER_FIELD: return "a pointer stored in the system buffer";
    case UM_ORIGIN_KERNEL_ENTRY: return "a __kernel_entry parameter";
    case UM_ORIGIN_WDF_UNSAFE: return "WdfRequestRetrieveUnsafeUser...Buffer";
    case UM_ORIGIN_CONFIG: return "a --user-param parameter";
    case UM_ORIGIN_CALLER_ARGUMENT: return "a user pointer passed by a caller";
    case UM_ORIGIN_CONFIG_FIELD: return "a configured origin field";
    }
    return "a user pointer";
}

/* fact_strip, also through C++ named casts (static_cast<T *>(p), ...),
 * which the facts keep as NODE_OTHER. */
static const struct fact_node *strip(const struct fact_node *node)
{
    for (;;) {
        node = fact_strip(node);
        if (node && node->kind == NODE_OTHER && node->child_count > 0 && node->text &&
            (starts_with(node->text, "static_cast") || starts_with(node->text, "reinterpret_cast") ||
             starts_with(node->text, "const_cast")))
            node = node->children[node->child_count - 1];
        else
            return node;
    }
}

/* ---- paths -------------------------------------------------------------- */

bool um_paths_overlap(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    /* "@+16" is memory past an offset taken with pointer arithmetic
     * (p + 1 is the next element): it overlaps only paths under the same
     * offset, not the pointee itself. */
    if ((a[0] == '@') != (b[0] == '@'))
        return false;
    if (strcmp(a, "*") == 0 || strcmp(b, "*") == 0)
        return true;
    /* "->A.B" and "->A" overlap; "->A" and "->AB" do not. Unknown
     * indexes overlap any index at that level. */
    while (*a && *b) {
        if (*a == *b) {
            a++, b++;
            continue;
        }
        if ((a[0] == '?' || b[0] == '?') && a[-1] == '[') {
            while (*a && *a != ']')
                a++;
            while (*b && *b != ']')
                b++;
            continue;
        }
        return false;
    }
    return (*a == 0 || *a == '.' || *a == '[' || *a == '@') && (*b == 0 || *b == '.' || *b == '[' || *b == '@');
}

static char *arena_concat(struct arena *arena, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *text = arena_alloc(arena, la + lb + 1);
    memcpy(text, a, la);
    memcpy(text + la, b, lb + 1);
    return text;
}

/* Designator (".Hdr", "" = whole) to the rendered path ("->Hdr", "*"). */
static const char *render_path(struct arena *arena, const char *designator)
{
    if (!designator || !*designator)
        return "*";
    if (designator[0] == '.')
        return arena_concat(arena, "->", designator + 1);
    return arena_strdup(arena, designator);
}

/* ---- functions by address ---------------------------------------------- */

/* memory->function_order: function indices sorted by fact_function address. */
static void index_functions(struct user_memory *memory)
{
    memory->function_order = arena_alloc(&memory->arena, (memory->function_count + 1) * sizeof *memory->function_order);
    for (unsigned i = 0; i < memory->function_count; i++)
        memory->function_order[i] = i;
    /* The records come from a bump allocator, so they are nearly sorted:
     * insertion sort is linear in practice and needs no global state for a
     * comparator (files are analysed on several threads). */
    for (unsigned i = 1; i < memory->function_count; i++) {
        unsigned value = memory->function_order[i], j = i;
        uintptr_t key = (uintptr_t)memory->functions[value].function;
        while (j > 0 && (uintptr_t)memory->functions[memory->function_order[j - 1]].function > key) {
            memory->function_order[j] = memory->function_order[j - 1];
            j--;
        }
        memory->function_order[j] = value;
    }
}

static int function_index(const struct user_memory *memory, const struct fact_function *function)
{
    size_t low = 0, high = memory->function_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        unsigned index = memory->function_order[middle];
        uintptr_t here = (uintptr_t)memory->functions[index].function;
        if (here == (uintptr_t)function)
            return (int)index;
        if (here < (uintptr_t)function)
            low = middle + 1;
        else
            high = middle;
    }
    return -1;
}

/* ---- analysis state ----------------------------------------------------- */

/* VAR_CAPTURED: a kernel struct filled from user memory (ReadStructFromUser,
 * K = *p); the pointers inside it are still user pointers. */
enum var_state { VAR_USER = 1, VAR_KERNEL_BUFFER = 2, VAR_CAPTURED = 4 };

struct var_info {
    const struct fact_function *function;
    uint64_t decl_key;
    const char *name;
    unsigned state;            /* VAR_* bits seen in assignments */
    int root;                  /* for VAR_USER */
    const char *prefix;
    const struct fact_node *assigned_at;
};

struct call_site {
    unsigned callee_root;      /* the CALLER_ARGUMENT root */
    const struct fact_function *caller;
    const struct fact_node *call;
    unsigned argument_root;
};

struct kernel_range {
    const struct fact_function *function;
    const char *file;
    unsigned begin, end;
};

struct builder {
    const struct facts *facts;
    const struct user_memory_config *config;
    struct user_memory *memory;
    struct arena *arena;
    struct var_info *vars;
    unsigned var_count, var_capacity;
    unsigned root_capacity, access_capacity;
    struct call_site *sites;
    unsigned site_count, site_capacity;
    struct kernel_range *ranges;
    unsigned range_count, range_capacity;
    const char **internal_handlers;
    unsigned internal_handler_count;
    const char **external_handlers;
    unsigned external_handler_count;
    bool changed;
    bool read_only;            /* um_user_pointer: look up, never add roots */
    unsigned *var_table;       /* hash of vars: index + 1, 0 = empty */
    size_t var_table_size;     /* a power of two */
    const struct fact_function **by_name; /* functions with bodies, sorted by name */
    unsigned by_name_count;
    unsigned *access_begin, *access_end;  /* per function index: its accesses */
    const struct fact_function *current;
};

#define GROW(array, count, capacity)                                                        \
    do {                                                                                    \
        if ((count) == (capacity)) {                                                        \
            (capacity) = (capacity) ? (capacity) * 2 : 16;                                  \
            (array) = xrealloc((array), (capacity) * sizeof *(array));                       \
        }                                                                                   \
    } while (0)

#define arena_printf_path arena_concat

static size_t var_hash(const struct fact_function *function, uint64_t key)
{
    uint64_t h = key ^ ((uint64_t)(uintptr_t)function * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    return (size_t)(h * 0xBF58476D1CE4E5B9ull >> 7);
}

/* Variables are looked up for every expression: an open-addressing table
 * of indices into b->vars (0 = empty slot). */
static struct var_info *find_var(struct builder *b, const struct fact_function *function, uint64_t key)
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

static struct var_info *var_for(struct builder *b, const struct fact_function *function, uint64_t key,
                                const char *name)
{
    struct var_info *var = find_var(b, function, key);
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

static unsigned add_root(struct builder *b, enum um_origin origin, const struct fact_function *function,
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

static bool text_has(const struct fact_node *node, const char *word)
{
    return node && node->text && strstr(node->text, word);
}

/* Result of classifying a pointer expression. */
struct pointer_class {
    unsigned state;            /* VAR_USER / VAR_KERNEL_BUFFER / 0 */
    int root;
    const char *prefix;
};

static struct pointer_class classify(struct builder *b, const struct fact_node *node);

/* Where an lvalue lives, when in user memory: root and designator. */
static bool classify_lvalue(struct builder *b, const struct fact_node *node, int *root, const char **designator)
{
    node = strip(node);
    if (!node || node->is_invalid)
        return false;
    switch (node->kind) {
    case NODE_UNARY:
        if (node->op && strcmp(node->op, "*") == 0) {
            struct pointer_class base = classify(b, fact_child(node, 0));
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
            struct pointer_class base = classify(b, child);
            if (base.state != VAR_USER)
                return false;
            inner_root = base.root;
            inner = base.prefix;
        } else if (!classify_lvalue(b, child, &inner_root, &inner)) {
            return false;
        }
        *root = inner_root;
        *designator = arena_concat(b->arena, arena_concat(b->arena, inner, "."), node->name ? node->name : "?");
        return true;
    }
    case NODE_SUBSCRIPT: {
        const struct fact_node *base_node = fact_child(node, 0), *index = fact_child(node, 1);
        const char *inner;
        int inner_root;
        const struct fact_node *stripped = strip(base_node);
        if (stripped && stripped->type.type_class == TYPE_ARRAY) {
            if (!classify_lvalue(b, stripped, &inner_root, &inner))
                return false;
        } else {
            struct pointer_class base = classify(b, base_node);
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
        *designator = arena_printf_path(b->arena, inner, element);
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
    const char *path = parent >= 0 ? render_path(b->arena, designator) : NULL;
    const char *text = squeeze(b->arena, load->text);
    int existing = parent >= 0 ? find_nested_root(b, b->current, parent, path)
                               : find_expression_root(b, b->current, text);
    if (existing >= 0 || b->read_only)
        return existing;
    unsigned index = add_root(b, origin, b->current, 0, text, load, NULL, &load->type);
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
        root = (int)add_root(b, origin, b->current, 0, key, node, NULL, &node->type);
    return root;
}

static struct pointer_class nested_class(struct builder *b, const struct fact_node *load, int parent,
                                         const char *designator, enum um_origin origin)
{
    int root = nested_root(b, load, parent, designator, origin);
    return root < 0 ? (struct pointer_class){0, -1, ""} : (struct pointer_class){VAR_USER, root, ""};
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

static struct pointer_class classify(struct builder *b, const struct fact_node *node)
{
    struct pointer_class none = {0, -1, ""};
    node = strip(node);
    if (!node || node->is_invalid)
        return none;
    switch (node->kind) {
    case NODE_DECL_REF: {
        struct var_info *var = find_var(b, b->current, node->decl_key);
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
            int root = expression_root(b, UM_ORIGIN_TYPE3_INPUT, node);
            return root < 0 ? none : (struct pointer_class){VAR_USER, root, ""};
        }
        if (node->name && is_configured_origin_field(b->config, node->name)) {
            int root = expression_root(b, UM_ORIGIN_CONFIG_FIELD, node);
            return root < 0 ? none : (struct pointer_class){VAR_USER, root, ""};
        }
        if (node->name && strcmp(node->name, "UserBuffer") == 0 && node->is_arrow &&
            text_has(node, "UserBuffer")) {
            const struct fact_node *base = fact_child(node, 0);
            if (base && base->type.pointee_canonical && strstr(base->type.pointee_canonical, "_IRP")) {
                int root = expression_root(b, UM_ORIGIN_USER_BUFFER, node);
                return root < 0 ? none : (struct pointer_class){VAR_USER, root, ""};
            }
        }
        if (is_kernel_buffer_member(node))
            return (struct pointer_class){VAR_KERNEL_BUFFER, -1, ""};
        if (node->type.type_class == TYPE_ARRAY) {
            /* An array field decays to its own address: In->Data is a
             * pointer into the same user buffer. */
            int root;
            const char *designator;
            if (classify_lvalue(b, node, &root, &designator))
                return (struct pointer_class){VAR_USER, root, designator};
            return none;
        }
        if (node->type.type_class != TYPE_POINTER)
            return none;
        /* A pointer field: loaded from user memory, or from a kernel buffer. */
        int root;
        const char *designator;
        if (classify_lvalue(b, node, &root, &designator))
            return nested_class(b, node, root, designator, UM_ORIGIN_NESTED);
        const struct fact_node *base = fact_child(node, 0);
        if (node->is_arrow && classify(b, base).state == VAR_KERNEL_BUFFER)
            return nested_class(b, node, -1, "", UM_ORIGIN_SYSTEM_BUFFER_FIELD);
        const struct fact_node *captured = strip(base);
        if (!node->is_arrow && captured && captured->kind == NODE_DECL_REF) {
            struct var_info *var = find_var(b, b->current, captured->decl_key);
            if (var && (var->state & VAR_CAPTURED))
                return nested_class(b, node, -1, "", UM_ORIGIN_NESTED);
        }
        return none;
    }
    case NODE_UNARY:
        if (node->op && strcmp(node->op, "&") == 0) {
            int root;
            const char *designator;
            if (classify_lvalue(b, fact_child(node, 0), &root, &designator))
                return (struct pointer_class){VAR_USER, root, designator};
            return none;
        }
        if (node->op && strcmp(node->op, "*") == 0 && node->type.type_class == TYPE_POINTER) {
            int root;
            const char *designator;
            if (classify_lvalue(b, node, &root, &designator))
                return nested_class(b, node, root, designator, UM_ORIGIN_NESTED);
        }
        return none;
    case NODE_SUBSCRIPT:
        if (node->type.type_class == TYPE_ARRAY) {
            int root;
            const char *designator;
            if (classify_lvalue(b, node, &root, &designator))
                return (struct pointer_class){VAR_USER, root, designator};
            return none;
        }
        if (node->type.type_class == TYPE_POINTER) {
            int root;
            const char *designator;
            if (classify_lvalue(b, node, &root, &designator))
                return nested_class(b, node, root, designator, UM_ORIGIN_NESTED);
        }
        return none;
    case NODE_BINARY:
        if (node->op && (strcmp(node->op, "+") == 0 || strcmp(node->op, "-") == 0) &&
            node->type.type_class == TYPE_POINTER) {
            const struct fact_node *left = fact_child(node, 0), *right = fact_child(node, 1);
            const struct fact_node *base = left, *offset = right;
            if (strip(left) && strip(left)->type.type_class != TYPE_POINTER)
                base = right, offset = left;
            struct pointer_class inner = classify(b, base);
            if (inner.state != VAR_USER)
                return inner.state ? inner : none;
            char text[48];
            long long element = strip(base)->type.pointee_size > 0 ? strip(base)->type.pointee_size : 1;
            if (offset && offset->has_value)
                snprintf(text, sizeof text, "@%s%lld", node->op, offset->value * element);
            else
                snprintf(text, sizeof text, "@%s?", node->op);
            if (offset && offset->has_value && offset->value == 0)
                return inner;
            inner.prefix = arena_printf_path(b->arena, inner.prefix, text);
            return inner;
        }
        if (node->op && strcmp(node->op, "=") == 0)
            return classify(b, fact_child(node, 1));
        return none;
    case NODE_CALL: {
        const char *name = call_name(node);
        if (node->type.type_class == TYPE_POINTER && name && starts_with(name, "ReadPointerFrom")) {
            return nested_class(b, node, -1, "", UM_ORIGIN_NESTED);
        }
        return none;
    }
    default:
        return none;
    }
}

/* ---- phase 1: roots ----------------------------------------------------- */

static void assign(struct builder *b, uint64_t key, const char *name, const struct fact_node *source,
                   const struct fact_node *declaration)
{
    if (!key || !source)
        return;
    struct pointer_class value = classify(b, source);
    if (!value.state)
        return;
    struct var_info *var = var_for(b, b->current, key, name);
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
        node = strip(node);
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
            node = strip(fact_child(node, 0)) && strip(fact_child(node, 0))->type.type_class == TYPE_POINTER
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
    if (classify(b, argument).state)
        return;
    const struct fact_node *variable = base_variable(argument);
    if (!variable || !variable->decl_key)
        return;
    struct var_info *var = var_for(b, b->current, variable->decl_key, variable->name);
    if (var->state & (VAR_KERNEL_BUFFER | VAR_USER))
        return;   /* already known either way: never re-root a variable */
    const struct fact_node *declaration = param_declaration(b->current, variable->decl_key);
    var->root = (int)add_root(b, origin, b->current, variable->decl_key, variable->name, call, declaration,
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

static const struct fact_function *function_named(struct builder *b, const char *name)
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

static void index_function_names(struct builder *b)
{
    b->by_name = xcalloc(b->facts->function_count + 1, sizeof *b->by_name);
    for (unsigned i = 0; i < b->facts->function_count; i++)
        if (b->facts->functions[i]->name && b->facts->functions[i]->body)
            b->by_name[b->by_name_count++] = b->facts->functions[i];
    qsort(b->by_name, b->by_name_count, sizeof *b->by_name, compare_function_names);
}

static bool in_kernel_range(const struct builder *b, const struct fact_function *function,
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

static bool serves_internal_only(const struct builder *b, const struct fact_function *function)
{
    bool internal = false;
    for (unsigned i = 0; i < b->internal_handler_count; i++)
        internal |= function->name && strcmp(b->internal_handlers[i], function->name) == 0;
    for (unsigned i = 0; internal && i < b->external_handler_count; i++)
        if (function->name && strcmp(b->external_handlers[i], function->name) == 0)
            return false;
    return internal;
}

static void parameter_root(struct builder *b, const struct fact_function *callee, unsigned index,
                           enum um_origin origin, const struct fact_function *caller, const struct fact_node *call,
                           int argument_root)
{
    if (index >= callee->param_count)
        return;
    const struct fact_node *param = callee->params[index];
    if (!param->decl_key || param->type.type_class != TYPE_POINTER)
        return;
    struct var_info *var = var_for(b, callee, param->decl_key, param->name);
    unsigned root;
    if (var->state == VAR_USER && var->root >= 0 && b->memory->roots[var->root].decl_key == param->decl_key) {
        root = (unsigned)var->root;
    } else if (var->state == 0) {
        root = add_root(b, origin, callee, param->decl_key, param->name, NULL, param, &param->type);
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

/* `&K` handed to ReadStructFromUser: K holds a copy of user memory. */
static void mark_captured(struct builder *b, const struct fact_node *destination)
{
    destination = strip(destination);
    const struct fact_node *object = destination && destination->kind == NODE_UNARY && destination->op &&
                                             strcmp(destination->op, "&") == 0
                                         ? strip(fact_child(destination, 0)) : NULL;
    if (!object || object->kind != NODE_DECL_REF || object->type.type_class != TYPE_RECORD)
        return;
    struct var_info *var = var_for(b, b->current, object->decl_key, object->name);
    if (!(var->state & VAR_CAPTURED)) {
        var->state |= VAR_CAPTURED;
        b->changed = true;
    }
}

static void scan_call(struct builder *b, const struct fact_node *call)
{
    const char *name = call_name(call);
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
        if (first == 1 && accessor_reads(name))
            mark_captured(b, fact_call_arg(call, 0));
        if (second >= 0)
            root_from_argument(b, fact_call_arg(call, (unsigned)second), UM_ORIGIN_ACCESSOR, call);
        return;
    }
    if (name && (strcmp(name, "WdfRequestRetrieveUnsafeUserInputBuffer") == 0 ||
                 strcmp(name, "WdfRequestRetrieveUnsafeUserOutputBuffer") == 0)) {
        const struct fact_node *out = strip(fact_call_arg(call, 2));
        const struct fact_node *variable = out && out->kind == NODE_UNARY ? strip(fact_child(out, 0)) : NULL;
        if (variable && variable->kind == NODE_DECL_REF && !find_var(b, b->current, variable->decl_key)) {
            struct var_info *var = var_for(b, b->current, variable->decl_key, variable->name);
            var->root = (int)add_root(b, UM_ORIGIN_WDF_UNSAFE, b->current, variable->decl_key, variable->name,
                                      call, NULL, &variable->type);
            var->prefix = "";
            var->state = VAR_USER;
        }
        return;
    }
    if (name && (strcmp(name, "WdfRequestRetrieveInputBuffer") == 0 ||
                 strcmp(name, "WdfRequestRetrieveOutputBuffer") == 0)) {
        const struct fact_node *out = strip(fact_call_arg(call, 2));
        const struct fact_node *variable = out && out->kind == NODE_UNARY ? strip(fact_child(out, 0)) : NULL;
        if (variable && variable->kind == NODE_DECL_REF) {
            struct var_info *var = var_for(b, b->current, variable->decl_key, variable->name);
            if (!(var->state & VAR_KERNEL_BUFFER)) {
                var->state |= VAR_KERNEL_BUFFER;
                b->changed = true;
            }
        }
        return;
    }
    const struct fact_function *callee = function_named(b, call->name);
    if (!callee || in_kernel_range(b, b->current, call) || serves_internal_only(b, b->current))
        return;
    for (unsigned i = 0; i < fact_call_arg_count(call); i++) {
        struct pointer_class argument = classify(b, fact_call_arg(call, i));
        if (argument.state == VAR_USER)
            parameter_root(b, callee, i, UM_ORIGIN_CALLER_ARGUMENT, b->current, call, argument.root);
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
        const struct fact_node *target = strip(fact_child(node, 0));
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
             strip(fact_child(node, 0)) && strip(fact_child(node, 0))->kind == NODE_DECL_REF &&
             strip(fact_child(node, 0))->type.type_class == TYPE_RECORD)
        target = strip(fact_child(node, 0)), source = fact_child(node, 1);
    int root;
    const char *designator;
    if (target && source && classify_lvalue(b, source, &root, &designator)) {
        struct var_info *var = var_for(b, b->current, target->decl_key, target->name);
        if (!(var->state & VAR_CAPTURED)) {
            var->state |= VAR_CAPTURED;
            b->changed = true;
        }
    }
}

/* ---- kernel-only scopes ------------------------------------------------- */

static bool is_mode_expression(const struct builder *b, const struct fact_node *node)
{
    node = strip(node);
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
    condition = strip(condition);
    if (!condition || condition->kind != NODE_BINARY || !condition->op)
        return 0;
    bool equal = strcmp(condition->op, "==") == 0, not_equal = strcmp(condition->op, "!=") == 0;
    if (!equal && !not_equal)
        return 0;
    const struct fact_node *left = strip(fact_child(condition, 0)), *right = strip(fact_child(condition, 1));
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
               strip(fact_child(node, 0)) && strip(fact_child(node, 0))->kind == NODE_DECL_REF) {
        source = fact_child(node, 1);
        key = strip(fact_child(node, 0))->decl_key;
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
    if (node->kind == NODE_CASE && text_has(fact_child(node, 0), "IRP_MJ_INTERNAL_DEVICE_CONTROL") && node->parent) {
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
    const struct fact_node *target = strip(fact_child(node, 0));
    const struct fact_node *handler = strip(fact_child(node, 1));
    if (!target || target->kind != NODE_SUBSCRIPT || !text_has(target, "MajorFunction") || !handler ||
        handler->kind != NODE_DECL_REF || !handler->name)
        return;
    bool internal = text_has(fact_child(target, 1), "IRP_MJ_INTERNAL_DEVICE_CONTROL");
    /* Two small lists: reallocate exactly. */
    const char ***list = internal ? &b->internal_handlers : &b->external_handlers;
    unsigned *count = internal ? &b->internal_handler_count : &b->external_handler_count;
    *list = xrealloc((void *)*list, (*count + 1) * sizeof **list);
    (*list)[(*count)++] = handler->name;
}

/* ---- phase 2: accesses -------------------------------------------------- */

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
    return name_in(op, ops);
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
            const struct fact_node *target = strip(fact_child(parent, 0));
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
        const char *name = call_name(parent);
        unsigned index = 0;
        for (unsigned i = 1; i < parent->child_count; i++)
            if (parent->children[i] == child)
                index = i;
        if (index == 0)
            return UM_USE_POINTER;
        if (is_logging(name) || is_logging(parent->name))
            return UM_USE_LOGGING;
        if (is_allocation(name))
            return UM_USE_ALLOC_SIZE;
        if (um_is_probe_name(name))
            return UM_USE_CONDITION;
        if (child->type.type_class == TYPE_POINTER)
            return UM_USE_POINTER;   /* an address handed to a callee */
        /* Rtl macros expand to the C routines (RtlZeroMemory(d, n) is
         * memset(d, 0, n)): the IR arguments follow the expanded callee. */
        static const char *const c_routines[] = {"memcpy", "memmove", "memset", "memcmp", NULL};
        int length = length_argument(name_in(parent->name, c_routines) ? parent->name : name);
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
    if (up && up->kind == NODE_BINARY && is_assignment_op(up->op) && strip(fact_child(up, 0)) == node)
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
    access->path = render_path(b->arena, designator);
    access->locally_guarded = node->guarded_depth > 0;
    access->in_loop = walk->loop_depth > 0;
    access->kernel_only = in_kernel_range(b, walk->function, node) || serves_internal_only(b, walk->function) ||
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
        node = strip(node);
        if (!node)
            return NULL;
        if (node->kind == NODE_MEMBER && !node->is_arrow) {
            node = fact_child(node, 0);
            continue;
        }
        if (node->kind == NODE_SUBSCRIPT) {
            const struct fact_node *base = strip(fact_child(node, 0));
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
    node = strip(node);
    while (node && ((node->kind == NODE_MEMBER && !node->is_arrow) ||
                    (node->kind == NODE_SUBSCRIPT && strip(fact_child(node, 0)) &&
                     strip(fact_child(node, 0))->type.type_class == TYPE_ARRAY))) {
        if (node->kind == NODE_SUBSCRIPT)
            walk_accesses(walk, fact_child(node, 1));
        node = strip(fact_child(node, 0));
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
    struct pointer_class pointer = classify(walk->b, argument);
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
    bool read = accessor_reads(api), write = accessor_writes(api);
    if (first >= 0)
        record_call_pointer(walk, UM_ACCESS_ACCESSOR, helper, api, (unsigned)first, read, write && second < 0);
    if (second >= 0)
        record_call_pointer(walk, UM_ACCESS_ACCESSOR, helper, api, (unsigned)second, true, false);
    /* The destination of ReadStructFromUser: a capture. */
    struct um_access *last = walk->b->memory->access_count ? &walk->b->memory->accesses[walk->b->memory->access_count - 1] : NULL;
    if (last && last->node == helper && read) {
        const struct fact_node *destination = strip(fact_call_arg(helper, 0));
        if (destination && destination->kind == NODE_UNARY && strip(fact_child(destination, 0)) &&
            strip(fact_child(destination, 0))->kind == NODE_DECL_REF) {
            last->captured_into = strip(fact_child(destination, 0))->decl_key;
            last->uses = uses_of_variable(walk->b, walk->function, last->captured_into, NULL, 1, &last->use_node);
        }
    }
    for (unsigned i = 1; i < helper->child_count; i++)
        walk_accesses(walk, helper->children[i]);
}

static void record_call(struct access_walk *walk, const struct fact_node *call)
{
    const char *name = call_name(call);
    if (!name)
        return;
    if (um_is_probe_name(name)) {
        record_call_pointer(walk, UM_ACCESS_PROBE, call, name, 0, false, strcmp(name, "ProbeForWrite") == 0);
        return;
    }
    if (um_is_accessor_name(name)) {
        int second;
        int first = um_accessor_user_argument(name, &second);
        bool read = accessor_reads(name), write = accessor_writes(name);
        if (second >= 0) {
            record_call_pointer(walk, UM_ACCESS_ACCESSOR, call, name, (unsigned)first, false, true);
            record_call_pointer(walk, UM_ACCESS_ACCESSOR, call, name, (unsigned)second, true, false);
        } else if (first >= 0) {
            record_call_pointer(walk, UM_ACCESS_ACCESSOR, call, name, (unsigned)first, read, write);
        }
        return;
    }
    if (is_library_copy(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, false, true);
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 1, true, false);
    } else if (is_library_fill(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, false, true);
    } else if (is_library_compare(name)) {
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 0, true, false);
        record_call_pointer(walk, UM_ACCESS_LIBRARY, call, name, 1, true, false);
    } else if (is_library_string(name)) {
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
        if (classify_lvalue(walk->b, node, &root, &designator)) {
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

/* ---- phase 3: interprocedural facts ------------------------------------- */

/* Every call or address-taken reference of a function of the TU. */
struct call_ref {
    unsigned callee;       /* index into memory->functions */
    int caller;            /* index of the calling function */
    bool guarded;          /* inside __try/__except in the caller */
    bool address_taken;    /* not a call: unknown callers */
};

struct call_ref_scan {
    struct builder *b;
    int caller;
    struct call_ref *refs;
    unsigned count, capacity;
};

static int function_index(const struct user_memory *memory, const struct fact_function *function);

static void collect_call_refs(const struct fact_node *node, void *data)
{
    struct call_ref_scan *scan = data;
    bool call = node->kind == NODE_CALL;
    bool reference = node->kind == NODE_DECL_REF && node->type.type_class == TYPE_FUNCTION &&
                     !(node->parent && node->parent->kind == NODE_CALL && fact_child(node->parent, 0) == node);
    if ((!call && !reference) || !node->name)
        return;
    const struct fact_function *callee = function_named(scan->b, node->name);
    if (!callee)
        return;
    GROW(scan->refs, scan->count, scan->capacity);
    scan->refs[scan->count++] = (struct call_ref){(unsigned)function_index(scan->b->memory, callee), scan->caller,
                                                  call && node->guarded_depth > 0, !call};
}

static void compute_guarded_callers(struct builder *b)
{
    struct user_memory *m = b->memory;
    struct call_ref_scan scan = {b, 0, NULL, 0, 0};
    for (unsigned j = 0; j < b->facts->function_count; j++) {
        scan.caller = (int)j;
        fact_walk(b->facts->functions[j]->body, collect_call_refs, &scan);
    }
    unsigned *calls = xcalloc(m->function_count + 1, sizeof *calls);
    for (unsigned i = 0; i < scan.count; i++)
        calls[scan.refs[i].callee]++;
    for (unsigned i = 0; i < m->function_count; i++)
        m->functions[i].call_count = calls[i];
    /* Greatest fixpoint: assume guarded, drop any function with an unguarded call. */
    for (unsigned i = 0; i < m->function_count; i++)
        m->functions[i].guarded_by_callers = calls[i] > 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (unsigned i = 0; i < scan.count; i++) {
            const struct call_ref *ref = &scan.refs[i];
            struct um_function *callee = &m->functions[ref->callee];
            if (!callee->guarded_by_callers)
                continue;
            bool ok = !ref->address_taken && ref->caller != (int)ref->callee &&
                      (ref->guarded || m->functions[ref->caller].guarded_by_callers);
            if (!ok && !(ref->caller == (int)ref->callee && !ref->address_taken)) {
                callee->guarded_by_callers = false;
                changed = true;
            }
        }
    }
    free(calls);
    free(scan.refs);
}

static bool probed_before(const struct builder *b, unsigned root, const struct fact_function *function,
                          const struct fact_node *node, const struct um_access **check)
{
    const struct user_memory *m = b->memory;
    int index = function_index(m, function);
    if (index < 0)
        return false;
    for (unsigned i = b->access_begin[index]; i < b->access_end[index]; i++) {
        const struct um_access *access = &m->accesses[i];
        if (access->function != function || access->root != root ||
            (access->kind != UM_ACCESS_PROBE && access->kind != UM_ACCESS_ACCESSOR))
            continue;
        if (access->node->file == node->file && access->node->offset < node->offset) {
            if (check)
                *check = access;
            return true;
        }
    }
    return false;
}

static void compute_probed_at_entry(struct builder *b)
{
    struct user_memory *m = b->memory;
    for (unsigned i = 0; i < m->root_count; i++) {
        bool any = false;
        for (unsigned j = 0; j < b->site_count; j++)
            any |= b->sites[j].callee_root == i;
        m->roots[i].probed_at_entry = m->roots[i].origin == UM_ORIGIN_CALLER_ARGUMENT && any;
    }
    for (int round = 0; round < 16; round++) {
        bool changed = false;
        for (unsigned j = 0; j < b->site_count; j++) {
            const struct call_site *site = &b->sites[j];
            struct um_root *callee = &m->roots[site->callee_root];
            if (!callee->probed_at_entry)
                continue;
            bool ok = probed_before(b, site->argument_root, site->caller, site->call, NULL) ||
                      m->roots[site->argument_root].probed_at_entry;
            if (!ok) {
                callee->probed_at_entry = false;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
}

/* ---- driver ------------------------------------------------------------- */

struct user_memory *user_memory_build(const struct facts *facts, const struct user_memory_config *config)
{
    struct user_memory *m = xcalloc(1, sizeof *m);
    arena_init(&m->arena);
    struct builder b = {0};
    b.facts = facts;
    b.config = config;
    b.memory = m;
    b.arena = &m->arena;

    m->function_count = facts->function_count;
    m->functions = arena_alloc(&m->arena, (facts->function_count + 1) * sizeof *m->functions);
    for (unsigned i = 0; i < facts->function_count; i++)
        m->functions[i].function = facts->functions[i];
    index_functions(m);
    index_function_names(&b);
    for (unsigned i = 0; i < facts->function_count; i++) {
        const struct fact_function *function = facts->functions[i];
        m->functions[i].function = function;
        b.current = function;
        fact_walk(function->body, find_handlers, &b);
    }
    for (unsigned i = 0; i < facts->function_count; i++) {
        const struct fact_function *function = facts->functions[i];
        b.current = function;
        struct mode_scan scan = {&b, {0}, 0, NULL};
        fact_walk(function->body, find_mode_vars, &scan);
        fact_walk(function->body, find_kernel_scopes, &scan);
        m->functions[i].mode_text = scan.mode_text ? arena_strdup(&m->arena, scan.mode_text) : NULL;
        m->functions[i].serves_internal_ioctl = serves_internal_only(&b, function);
        /* Parameters that are user pointers by declaration. */
        for (unsigned p = 0; p < function->param_count; p++) {
            if (function->is_kernel_entry)
                parameter_root(&b, function, p, UM_ORIGIN_KERNEL_ENTRY, NULL, NULL, -1);
            for (size_t c = 0; config && c < config->user_param_count; c++)
                if (function->name && config->user_params[c].function &&
                    strcmp(config->user_params[c].function, function->name) == 0 && config->user_params[c].index == p)
                    parameter_root(&b, function, p, UM_ORIGIN_CONFIG, NULL, NULL, -1);
        }
    }
    for (int round = 0; round < 32; round++) {
        b.changed = false;
        for (unsigned i = 0; i < facts->function_count; i++) {
            b.current = facts->functions[i];
            fact_walk(facts->functions[i]->body, scan_node, &b);
        }
        if (!b.changed)
            break;
    }
    for (unsigned i = 0; i < m->root_count; i++)
        m->roots[i].kernel_only = serves_internal_only(&b, m->roots[i].function);

    b.access_begin = xcalloc(facts->function_count + 1, sizeof *b.access_begin);
    b.access_end = xcalloc(facts->function_count + 1, sizeof *b.access_end);
    for (unsigned i = 0; i < facts->function_count; i++) {
        struct access_walk walk = {&b, facts->functions[i], 0};
        b.current = facts->functions[i];
        b.access_begin[i] = m->access_count;
        walk_accesses(&walk, facts->functions[i]->body);
        b.access_end[i] = m->access_count;
    }
    compute_guarded_callers(&b);
    compute_probed_at_entry(&b);
    for (unsigned i = 0; i < m->access_count; i++) {
        struct um_access *access = &m->accesses[i];
        const struct um_function *function = um_function_of(m, access->function);
        access->guarded = access->locally_guarded || (function && function->guarded_by_callers);
        probed_before(&b, access->root, access->function, access->node, &access->preceding_check);
        access->probed = access->preceding_check || m->roots[access->root].probed_at_entry ||
                         access->kind == UM_ACCESS_ACCESSOR || access->kind == UM_ACCESS_PROBE;
    }

    m->pointer_count = 0;
    m->pointers = arena_alloc(&m->arena, (b.var_count + 1) * sizeof *m->pointers);
    for (unsigned i = 0; i < b.var_count; i++) {
        const struct var_info *var = &b.vars[i];
        if (var->state != VAR_USER || var->root < 0)
            continue;
        m->pointers[m->pointer_count++] = (struct um_pointer){var->function, var->decl_key, var->name,
                                                              (unsigned)var->root, var->prefix, var->assigned_at};
    }
    free(b.vars);
    free(b.var_table);
    free(b.by_name);
    free(b.access_begin);
    free(b.access_end);
    free(b.sites);
    free(b.ranges);
    free((void *)b.internal_handlers);
    free((void *)b.external_handlers);
    return m;
}

void user_memory_free(struct user_memory *memory)
{
    if (!memory)
        return;
    free(memory->roots);
    free(memory->accesses);
    arena_free(&memory->arena);
    free(memory);
}

const struct um_function *um_function_of(const struct user_memory *memory, const struct fact_function *function)
{
    int index = memory ? function_index(memory, function) : -1;
    return index < 0 ? NULL : &memory->functions[index];
}

const struct um_access *um_access_at(const struct user_memory *memory, const struct fact_node *node)
{
    for (unsigned i = 0; memory && i < memory->access_count; i++)
        if (memory->accesses[i].node == node)
            return &memory->accesses[i];
    return NULL;
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
        struct var_info *var = var_for(&b, function, memory->pointers[i].decl_key, memory->pointers[i].name);
        var->state = VAR_USER;
        var->root = (int)memory->pointers[i].root;
        var->prefix = memory->pointers[i].prefix;
    }
    unsigned before = memory->root_count;
    struct pointer_class value = classify(&b, expression);
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
