/* baseline_run.h - what --baseline FILE, --write-baseline FILE and
 * --prune-baseline do to a run: the baseline is read before the analysis
 * (a bad file stops the run early), and applied to the sorted findings
 * before the report.
 *
 * A finding is accepted by an entry with its rule, path and fingerprint
 * (up to the entry's count); findings left over are then matched against
 * entries left over on the LINE part of the fingerprint alone, so editing
 * a neighbouring line does not resurrect a finding (tool/fingerprint.h).
 * Editing the flagged line itself makes it new. Accepted findings leave
 * the list (SARIF still shows them, as "unchanged"). Entries still unused for files this run analysed
 * (or files that no longer exist) are stale: a note says how many, and
 * --prune-baseline rewrites the file without them. Suppressed findings are
 * neither written nor matched. */
#ifndef UMALINT_BASELINE_RUN_H
#define UMALINT_BASELINE_RUN_H

#include <stddef.h>
#include <stdio.h>

#include "finding.h"
#include "options.h"

struct baseline_run;

/* NULL in *out when no baseline option is given. Returns 0, or -1 with a
 * one-line reason ("FILE:LINE: reason"). */
int baseline_run_open(const struct options *options, struct baseline_run **out, char *error, size_t error_size);

/* The findings the baseline accepts (or, with --write-baseline, all it
 * records) move from `findings` to `accepted`. `analysed`: the source files this run analysed (for staleness). Notes
 * ("umalint: note: baseline: ...") go to `notes`. Returns 0, or -1 with a
 * reason when the file cannot be written. */
int baseline_run_apply(struct baseline_run *run, struct finding_list *findings, struct finding_list *accepted,
                       const struct string_list *analysed, FILE *notes, char *error, size_t error_size);

void baseline_run_close(struct baseline_run *run);

#endif
