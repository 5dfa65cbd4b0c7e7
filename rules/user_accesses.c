/* user_accesses.c - the probe note that several rules share (see user_accesses.h). */
#include "rules/user_accesses.h"

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
