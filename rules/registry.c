/* registry.c - expands rules.def into the rule table. */
#include "rules/registry.h"

#include <string.h>

#include "rules/call_shapes.h"

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

void rules_run(const struct facts *facts, const struct user_memory *user_memory, const bool *enabled,
               struct finding_list *findings)
{
    struct shape_cache *shapes = shape_cache_create(facts, user_memory);
    for (size_t i = 0; i < rule_registry_count; i++) {
        if (!enabled[i] || !rule_registry[i].run)
            continue;
        struct rule_context context = {facts, &rule_registry[i], findings, user_memory, shapes};
        rule_registry[i].run(&context);
    }
    shape_cache_free(shapes);
}

const struct rule_info *rule_find(const char *code_or_name)
{
    for (size_t i = 0; i < rule_registry_count; i++)
        if (strcmp(rule_registry[i].code, code_or_name) == 0 || strcmp(rule_registry[i].name, code_or_name) == 0)
            return &rule_registry[i];
    return NULL;
}
