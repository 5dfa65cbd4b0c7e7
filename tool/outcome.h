/* outcome.h - what the findings mean for the run: --fail-on,
 * --max-warnings and --exit-zero decide whether they fail it (exit 1).
 * Severities are final by then (configuration "severity" and
 * warnings-as-errors: tool/file_settings.h). Errors of the tool itself
 * (exit 2) are main's business. */
#ifndef UMALINT_OUTCOME_H
#define UMALINT_OUTCOME_H

#include <stdbool.h>

#include "finding.h"

struct fail_policy {
    enum severity fail_on;   /* the lowest severity that fails the run */
    long max_warnings;       /* >= 0: warnings fail only when more than this */
    bool exit_zero;          /* nothing fails the run */
};

/* True when the findings should make the run exit 1. Suppressed findings
 * never count. */
bool findings_fail_run(const struct finding_list *findings, const struct fail_policy *policy);

#endif
