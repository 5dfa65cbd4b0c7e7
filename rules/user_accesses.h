/* user_accesses.h - what the rules that read the user-memory analysis's
 * accesses (UM1001, UM1002, UM1003, UM1005, UM2001, UM2002, UM2005) share:
 * which accesses are theirs to judge, visiting those in order, and the
 * note that tells where the memory was checked before an access. */
#ifndef UMALINT_USER_ACCESSES_H
#define UMALINT_USER_ACCESSES_H

#include <stdbool.h>

#include "rules/rule.h"

/* An access user-mode callers can reach (not kernel_only) whose node is
 * valid: the only kind a user-memory rule reports. */
bool user_access_reachable(const struct um_access *access);

/* Calls `visit` for every reachable access of the translation unit, in
 * the analysis's order; does nothing when there is no analysis. */
typedef void user_access_visit_fn(struct rule_context *context, const struct um_access *access, void *data);
void user_access_for_each(struct rule_context *context, user_access_visit_fn *visit, void *data);

/* Adds the note that says why `access` counts as probed: the probe or
 * accessor call before it, or every caller probing the pointer. */
void user_access_note_check(struct rule_context *context, struct finding *finding, const struct um_access *access);

#endif
