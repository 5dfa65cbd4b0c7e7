/* user_memory_internal.h - what the user_memory*.c files share while they
 * build a struct user_memory; not an interface for rules (those use
 * user_memory.h).
 *
 * The analysis is one build in phases, each in its own file:
 *   user_memory_names.c     which calls are probes, accessors, copies, ...
 *   user_memory_paths.c     designators and the paths rules see
 *   user_memory_origins.c   where a pointer expression points (roots)
 *   user_memory_scopes.c    kernel-only code: requestor-mode branches,
 *                           internal IOCTL handlers
 *   user_memory_aliases.c   phase 1: pointer variables, and the fixpoint
 *                           that carries user pointers into callees
 *   user_memory_accesses.c  phase 2: every touch of user memory, and how
 *                           a value read is used
 *   user_memory_callers.c   phase 3: what every caller guarantees
 *   user_memory.c           the driver and the lookups of user_memory.h
 * The state they share is the struct builder below; it lives only for one
 * user_memory_build (and, read-only, for a um_user_pointer query). */
#ifndef UMALINT_USER_MEMORY_INTERNAL_H
#define UMALINT_USER_MEMORY_INTERNAL_H

#include "strbuf.h"
#include "user_memory.h"

/* ---- the build's state -------------------------------------------------- */

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

/* Result of classifying a pointer expression. */
struct pointer_class {
    unsigned state;            /* VAR_USER / VAR_KERNEL_BUFFER / 0 */
    int root;
    const char *prefix;
};

/* ---- user_memory_names.c ------------------------------------------------ */

bool um_starts_with(const char *text, const char *prefix);
bool um_name_in(const char *name, const char *const *names);   /* names: NULL-terminated */
bool um_accessor_reads(const char *name);
bool um_accessor_writes(const char *name);
bool um_is_library_copy(const char *name);
bool um_is_library_fill(const char *name);
bool um_is_library_compare(const char *name);
bool um_is_library_string(const char *name);
bool um_is_allocation(const char *name);
bool um_is_logging(const char *name);
const char *um_call_name(const struct fact_node *call);
int um_length_argument(const char *name);

/* ---- user_memory_paths.c ------------------------------------------------ */

char *um_arena_concat(struct arena *arena, const char *a, const char *b);
const char *um_render_path(struct arena *arena, const char *designator);

/* ---- user_memory_origins.c ---------------------------------------------- */

const struct fact_node *um_strip(const struct fact_node *node);
bool um_text_has(const struct fact_node *node, const char *word);
struct var_info *um_find_var(struct builder *b, const struct fact_function *function, uint64_t key);
struct var_info *um_var_for(struct builder *b, const struct fact_function *function, uint64_t key,
                            const char *name);
unsigned um_add_root(struct builder *b, enum um_origin origin, const struct fact_function *function,
                     uint64_t key, const char *name, const struct fact_node *origin_node,
                     const struct fact_node *declaration, const struct fact_type *type);
struct pointer_class um_classify(struct builder *b, const struct fact_node *node);
bool um_classify_lvalue(struct builder *b, const struct fact_node *node, int *root, const char **designator);

/* ---- user_memory_scopes.c ----------------------------------------------- */

/* Records the DriverObject->MajorFunction[...] = Handler assignments of
 * b->current. */
void um_find_handlers(struct builder *b);
/* Records the kernel-only ranges of b->current; returns its requestor mode
 * expression text (um_function.mode_text) or NULL. */
const char *um_find_kernel_scopes(struct builder *b);
bool um_in_kernel_range(const struct builder *b, const struct fact_function *function,
                        const struct fact_node *node);
bool um_serves_internal_only(const struct builder *b, const struct fact_function *function);

/* ---- user_memory_aliases.c ---------------------------------------------- */

void um_index_function_names(struct builder *b);
const struct fact_function *um_function_named(struct builder *b, const char *name);
void um_parameter_root(struct builder *b, const struct fact_function *callee, unsigned index,
                       enum um_origin origin, const struct fact_function *caller, const struct fact_node *call,
                       int argument_root);
/* Phase 1: roots and pointer variables of every function, to a fixpoint. */
void um_find_aliases(struct builder *b);

/* ---- user_memory_accesses.c --------------------------------------------- */

/* Phase 2: appends the accesses of b->current to b->memory. */
void um_record_accesses(struct builder *b);

/* ---- user_memory_callers.c ---------------------------------------------- */

void um_compute_guarded_callers(struct builder *b);
void um_compute_probed_at_entry(struct builder *b);
bool um_probed_before(const struct builder *b, unsigned root, const struct fact_function *function,
                      const struct fact_node *node, const struct um_access **check);

/* ---- user_memory.c ------------------------------------------------------ */

int um_function_index(const struct user_memory *memory, const struct fact_function *function);

#endif
