/* write_statistics.c - --statistics: how many findings each rule produced
 * and how many of them carry a fix, most frequent first (as ruff's
 * --statistics). Printed on stderr so machine formats on stdout stay clean. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "rules/registry.h"
#include "strbuf.h"

struct rule_count {
    const struct rule_info *rule;
    size_t count, fixable;
};

static int most_first(const void *left, const void *right)
{
    const struct rule_count *a = left, *b = right;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->rule->code, b->rule->code);
}

void write_statistics(FILE *out, const struct report *report)
{
    struct rule_count *rows = xcalloc(rule_registry_count, sizeof *rows);
    for (size_t i = 0; i < rule_registry_count; i++)
        rows[i].rule = &rule_registry[i];
    for (size_t i = 0; i < report->findings->count; i++) {
        const struct finding *finding = &report->findings->items[i];
        const struct rule_info *rule = rule_find(finding->code);
        if (!rule || finding->suppressed)
            continue;
        struct rule_count *row = &rows[rule - rule_registry];
        row->count++;
        row->fixable += finding->fix_count > 0;
    }
    qsort(rows, rule_registry_count, sizeof *rows, most_first);
    if (rule_registry_count > 0 && rows[0].count > 0)
        fprintf(out, "%7s %8s  %-7s %s\n", "count", "fixable", "rule", "name");
    for (size_t i = 0; i < rule_registry_count && rows[i].count > 0; i++)
        fprintf(out, "%7zu %8zu  %-7s %s\n", rows[i].count, rows[i].fixable, rows[i].rule->code, rows[i].rule->name);
    free(rows);
}
