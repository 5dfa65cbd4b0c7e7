/* user_memory.c - builds the user-memory analysis of one translation unit
 * (see user_memory.h) and answers the lookups rules make on it.
 *
 * Three phases, each in its own file (see user_memory_internal.h):
 *   1. roots and pointer variables: a fixpoint over every function's
 *      assignments, probes, accessor calls and calls to functions of the TU
 *      (user_memory_aliases.c, after the kernel-only scopes of
 *      user_memory_scopes.c are known);
 *   2. accesses: one walk per function body recording each touch of user
 *      memory with its path, guard, scope and the use of the value read
 *      (user_memory_accesses.c);
 *   3. interprocedural facts: probes made by every caller, helpers whose
 *      every call is guarded (user_memory_callers.c).
 * Everything is flow-insensitive except "a probe precedes it", which is
 * source order inside the function. */
#include "user_memory_internal.h"

#include <stdlib.h>
#include <string.h>

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

int um_function_index(const struct user_memory *memory, const struct fact_function *function)
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
    um_index_function_names(&b);
    for (unsigned i = 0; i < facts->function_count; i++) {
        const struct fact_function *function = facts->functions[i];
        m->functions[i].function = function;
        b.current = function;
        um_find_handlers(&b);
    }
    for (unsigned i = 0; i < facts->function_count; i++) {
        const struct fact_function *function = facts->functions[i];
        b.current = function;
        const char *mode_text = um_find_kernel_scopes(&b);
        m->functions[i].mode_text = mode_text ? arena_strdup(&m->arena, mode_text) : NULL;
        m->functions[i].serves_internal_ioctl = um_serves_internal_only(&b, function);
        /* Parameters that are user pointers by declaration. */
        for (unsigned p = 0; p < function->param_count; p++) {
            if (function->is_kernel_entry)
                um_parameter_root(&b, function, p, UM_ORIGIN_KERNEL_ENTRY, NULL, NULL, -1);
            for (size_t c = 0; config && c < config->user_param_count; c++)
                if (function->name && config->user_params[c].function &&
                    strcmp(config->user_params[c].function, function->name) == 0 && config->user_params[c].index == p)
                    um_parameter_root(&b, function, p, UM_ORIGIN_CONFIG, NULL, NULL, -1);
        }
    }
    um_find_aliases(&b);
    for (unsigned i = 0; i < m->root_count; i++)
        m->roots[i].kernel_only = um_serves_internal_only(&b, m->roots[i].function);

    b.access_begin = xcalloc(facts->function_count + 1, sizeof *b.access_begin);
    b.access_end = xcalloc(facts->function_count + 1, sizeof *b.access_end);
    for (unsigned i = 0; i < facts->function_count; i++) {
        b.current = facts->functions[i];
        b.access_begin[i] = m->access_count;
        um_record_accesses(&b);
        b.access_end[i] = m->access_count;
    }
    um_compute_guarded_callers(&b);
    um_compute_probed_at_entry(&b);
    for (unsigned i = 0; i < m->access_count; i++) {
        struct um_access *access = &m->accesses[i];
        const struct um_function *function = um_function_of(m, access->function);
        access->guarded = access->locally_guarded || (function && function->guarded_by_callers);
        um_probed_before(&b, access->root, access->function, access->node, &access->preceding_check);
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
    int index = memory ? um_function_index(memory, function) : -1;
    return index < 0 ? NULL : &memory->functions[index];
}

const struct um_access *um_access_at(const struct user_memory *memory, const struct fact_node *node)
{
    for (unsigned i = 0; memory && i < memory->access_count; i++)
        if (memory->accesses[i].node == node)
            return &memory->accesses[i];
    return NULL;
}

