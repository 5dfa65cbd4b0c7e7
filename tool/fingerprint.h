/* fingerprint.h - where a finding is, by content instead of line number:
 * "umalint/v1:CONTEXT-LINE", two 64-bit FNV-1a hashes in hex, each over
 * text with all white space removed: CONTEXT over the finding's line and
 * the nearest non-blank lines above and below it, LINE over the line alone.
 * Blank lines or code added elsewhere in the file, and re-indentation,
 * keep both; editing a neighbour changes CONTEXT only (the baseline then
 * still matches on LINE), editing the line changes both. The baseline
 * (tool/baseline_run.h) matches on it; SARIF can carry it as a partial
 * fingerprint. */
#ifndef UMALINT_FINGERPRINT_H
#define UMALINT_FINGERPRINT_H

#include <stddef.h>

#include "facts.h"
#include "finding.h"

/* The fingerprint of the line holding byte `offset` of `text`. Malloc'd. */
char *fingerprint_at(const char *text, size_t size, size_t offset);
/* ... of one line of text with no neighbours (a file whose text is not at hand). */
char *fingerprint_of_line(const char *line);

/* Sets finding.fingerprint for every finding, from the facts' file texts. */
void fingerprint_findings(const struct facts *facts, struct finding_list *findings);

/* The LINE part of a fingerprint ("" when it has none). */
const char *fingerprint_line_part(const char *fingerprint);

#endif
