/* user_accesses.c - the walk over the user-memory analysis's accesses and
 * the probe note that several rules share (see user_accesses.h). */
#include "rules/user_accesses.h"

bool user_access_reachable(const struct um_access *access)
{
    return !access->kernel_only && access->node && !access->node->is_invalid;
}

void user_access_for_each(struct rule_context *context, user_access_visit_fn *visit, void *data)
{
    const struct user_memory *memory = context->user_memory;
    if (!memory)
        return;
    for (unsigned i = 0; i < memory->access_count; i++)
        if (user_access_reachable(&memory->accesses[i]))
            visit(context, &memory->accesses[i], data);
}

void user_access_note_check(struct rule_context *context, struct finding *finding, const struct um_access *access)
{
    const struct user_memory *memory = context->user_memory;
    if (access->preceding_check && access->preceding_check->node) {
        rule_note(context, finding, access->preceding_check->node,
                  access->preceding_check->kind == UM_ACCESS_PROBE ? "the user memory is probed here"
                                                                   : "the user memory is first accessed here");
    } else if (access->root < memory->root_count && memory->roots[access->root].probed_at_entry &&
               memory->roots[access->root].declaration) {
        rule_note(context, finding, memory->roots[access->root].declaration,
                  "every caller in this file probes this pointer before the call");
    }
}
