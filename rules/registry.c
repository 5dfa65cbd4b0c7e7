/* registry.c - expands rules.def into the rule table. */
#include "rules/registry.h"

#include <string.h>

#define RULE(code, function, name, severity, summary) extern rule_function function;
#define TOOL_RULE(code, name, severity, summary)
#include "rules/rules.def"
#undef RULE
#undef TOOL_RULE

/* Doc pages and their file names, generated from rules/UMxxxx_*.md by the
 * build (rule_docs.c). */
#define RULE(code, function, name, severity, summary) \
    extern const char rule_doc_##code[], rule_doc_file_##code[];
#define TOOL_RULE(code, name, severity, summary) extern const char rule_doc_##code[], rule_doc_file_##code[];
#include "rules/rules.def"
#undef RULE
#undef TOOL_RULE

const struct rule_info rule_registry[] = {
#define RULE(code, function, name, severity, summary) \
    {#code, name, severity, summary, function, rule_doc_##code, rule_doc_file_##code},
#define TOOL_RULE(code, name, severity, summary) \
    {#code, name, severity, summary, NULL, rule_doc_##code, rule_doc_file_##code},
#include "rules/rules.def"
#undef RULE
#undef TOOL_RULE
};

const size_t rule_registry_count = sizeof rule_registry / sizeof rule_registry[0];

const struct rule_info *rule_find(const char *code_or_name)
{
    for (size_t i = 0; i < rule_registry_count; i++)
        if (strcmp(rule_registry[i].code, code_or_name) == 0 || strcmp(rule_registry[i].name, code_or_name) == 0)
            return &rule_registry[i];
    return NULL;
}
