/* UM1003_double_fetch_fix.h - the unsafe fix UM1003 offers where the shape
 * allows it: capture the user object once, then read only the copy. */
#ifndef UMALINT_UM1003_DOUBLE_FETCH_FIX_H
#define UMALINT_UM1003_DOUBLE_FETCH_FIX_H

#include "rules/rule.h"

/* Attaches the capture fix to `finding` (reported at the fetch `later`)
 * when every use of the pointer variable `later` reads through can be
 * rewritten; otherwise leaves the finding without a fix. */
void double_fetch_offer_fix(struct rule_context *context, struct finding *finding, const struct um_access *later);

#endif
