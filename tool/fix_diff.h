/* fix_diff.h - a unified diff of a planned fix, for --diff: "--- a/PATH",
 * "+++ b/PATH", hunks with three lines of context, "\ No newline at end of
 * file" where it applies, so `git apply` and `patch -p1` accept it. The
 * hunks come straight from the edits (no general diff algorithm needed):
 * each run of edited lines is one change, trimmed of lines the edit left
 * as they were. */
#ifndef UMALINT_FIX_DIFF_H
#define UMALINT_FIX_DIFF_H

#include "fix_plan.h"

/* The diff turning file->contents into the edited bytes, with `path` in
 * the headers (relative to where `git apply` runs). Malloc'd; "" when the
 * edits change nothing. */
char *fix_diff_text(const char *path, const struct plan_file *file);

#endif
