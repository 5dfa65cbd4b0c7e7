/* registry.h - every rule umalint knows, in code order (from rules.def). */
#ifndef UMALINT_REGISTRY_H
#define UMALINT_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/rule.h"

extern const struct rule_info rule_registry[];
extern const size_t rule_registry_count;

/* Runs every rule enabled[i] says to run (in registry order) over one
 * translation unit's facts, adding their findings to `findings`. */
void rules_run(const struct facts *facts, const struct user_memory *user_memory, const bool *enabled,
               struct finding_list *findings);

/* Looks a rule up by code ("UM2003") or name ("struct-sized-copy"). */
const struct rule_info *rule_find(const char *code_or_name);

#endif
