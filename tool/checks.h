/* checks.h - which rules run: clang-tidy style ordered globs over codes and
 * names ("-*,UM2*,-struct-sized-copy"). */
#ifndef UMALINT_CHECKS_H
#define UMALINT_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

/* Fills enabled[i] for each registry entry. Starts from "all enabled" and
 * applies the globs in order. Returns -1 with a reason when a glob matches
 * nothing known or no check remains enabled. */
int select_checks(const char *globs, bool *enabled, char *error, size_t error_size);
/* Another glob list over the checks (--warnings-as-errors): returns -1 with
 * "OPTION: 'GLOB' matches no check ..." when a glob matches nothing. */
int check_globs_known(const char *option, const char *globs, char *error, size_t error_size);

#endif
