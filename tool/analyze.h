/* analyze.h - one file through the pipeline: parse, facts, rules. */
#ifndef UMALINT_ANALYZE_H
#define UMALINT_ANALYZE_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "finding.h"
#include "options.h"
#include "user_memory.h"

struct file_result {
    struct finding_list findings;
    char *error;    /* one-line reason the file could not be analysed, or NULL */
};

/* Parses `path` with `arguments` in `index`, extracts the facts, builds the
 * user-memory analysis (configured by `config`, may be NULL), runs the
 * enabled rules (enabled[i] per registry entry) and fills `result`. */
void analyze_file(CXIndex index, const char *path, const struct string_list *arguments,
                  const bool *enabled, const struct user_memory_config *config, struct file_result *result);

#endif
