/* outcome.c - the findings' part of the exit status.
 *
 * The rules mirror the tools users know: --fail-on is ruff's and ty's,
 * --max-warnings ESLint's (errors always fail; warnings fail only above the
 * limit, whatever --fail-on says, because naming a limit asks for it to be
 * enforced), --exit-zero ruff's. */
#include "outcome.h"

bool findings_fail_run(const struct finding_list *findings, const struct fail_policy *policy)
{
    if (policy->exit_zero)
        return false;
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < findings->count; i++)
        if (!findings->items[i].suppressed)
            counts[findings->items[i].severity]++;
    if (counts[SEVERITY_ERROR] > 0)
        return true;
    if (policy->max_warnings >= 0) {
        if (counts[SEVERITY_WARNING] > (size_t)policy->max_warnings)
            return true;
    } else if (counts[SEVERITY_WARNING] > 0 && policy->fail_on <= SEVERITY_WARNING) {
        return true;
    }
    return counts[SEVERITY_NOTE] > 0 && policy->fail_on == SEVERITY_NOTE;
}
