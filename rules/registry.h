/* registry.h - every rule umalint knows, in code order (from rules.def). */
#ifndef UMALINT_REGISTRY_H
#define UMALINT_REGISTRY_H

#include <stddef.h>

#include "rules/rule.h"

extern const struct rule_info rule_registry[];
extern const size_t rule_registry_count;

/* Looks a rule up by code ("UM2003") or name ("struct-sized-copy"). */
const struct rule_info *rule_find(const char *code_or_name);

#endif
