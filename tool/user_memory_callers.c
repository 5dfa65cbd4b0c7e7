/* user_memory_callers.c - phase 3: what the callers of a function
 * guarantee. A helper is guarded_by_callers when every call to it in the
 * translation unit sits in __try/__except (or in a function that is
 * itself so guarded); a CALLER_ARGUMENT root is probed_at_entry when every
 * call site probed the pointer it passes first. Both are greatest
 * fixpoints over the calls found in phase 1 and here. */
#include "user_memory_internal.h"

#include <stdlib.h>

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

static void collect_call_refs(const struct fact_node *node, void *data)
{
    struct call_ref_scan *scan = data;
    bool call = node->kind == NODE_CALL;
    bool reference = node->kind == NODE_DECL_REF && node->type.type_class == TYPE_FUNCTION &&
                     !(node->parent && node->parent->kind == NODE_CALL && fact_child(node->parent, 0) == node);
    if ((!call && !reference) || !node->name)
        return;
    const struct fact_function *callee = um_function_named(scan->b, node->name);
    if (!callee)
        return;
    GROW(scan->refs, scan->count, scan->capacity);
    scan->refs[scan->count++] = (struct call_ref){(unsigned)um_function_index(scan->b->memory, callee), scan->caller,
                                                  call && node->guarded_depth > 0, !call};
}

void um_compute_guarded_callers(struct builder *b)
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

bool um_probed_before(const struct builder *b, unsigned root, const struct fact_function *function,
                      const struct fact_node *node, const struct um_access **check)
{
    const struct user_memory *m = b->memory;
    int index = um_function_index(m, function);
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

void um_compute_probed_at_entry(struct builder *b)
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
            bool ok = um_probed_before(b, site->argument_root, site->caller, site->call, NULL) ||
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
