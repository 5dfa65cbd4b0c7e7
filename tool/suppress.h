/* suppress.h - inline suppressions applied to one translation unit's
 * findings, after the rules ran and before the writers see them.
 *
 * The comments are read from the source text the facts hold (every file
 * with code in the translation unit), so a suppression in a header works
 * for findings in that header. A suppressed finding is kept, marked
 * (finding.suppressed, finding.suppression_reason): SARIF shows it as
 * suppressed, the other writers skip it, and it never fails the run.
 *
 * The directives themselves are checked: UM0002 unused-suppression (an ID
 * that suppressed nothing, matches no check, or a directive without IDs)
 * with a safe fix that deletes the ID or the comment, and UM0003 for a
 * disable block without its enable or the reverse. "Suppressed nothing" is
 * only decided for the main file, and not when it has parse errors: a
 * header's suppression may be used by another translation unit, and a
 * file that did not parse may be missing the findings. */
#ifndef UMALINT_SUPPRESS_H
#define UMALINT_SUPPRESS_H

#include <stdbool.h>

#include "facts.h"
#include "finding.h"

/* enabled[i] per rule registry entry, as for the rules. */
void suppress_findings(const struct facts *facts, const bool *enabled, struct finding_list *findings);

#endif
