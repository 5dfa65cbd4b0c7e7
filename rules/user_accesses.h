/* user_accesses.h - what the rules that read the user-memory analysis's
 * accesses share: the note that tells where the memory was checked
 * before an access (UM2001, UM2002). */
#ifndef UMALINT_USER_ACCESSES_H
#define UMALINT_USER_ACCESSES_H

#include <stdbool.h>

#include "rules/rule.h"

/* Adds the note that says why `access` counts as probed: the probe or
 * accessor call before it, or every caller probing the pointer. */
void user_access_note_check(struct rule_context *context, struct finding *finding, const struct um_access *access);

#endif
