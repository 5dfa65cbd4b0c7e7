/* UM1003_double_fetch.h - what the two halves of UM1003 share: the reads
 * within one function (UM1003_double_fetch.c) and the reads on both sides
 * of a call to a helper of the same file (UM1003_double_fetch_calls.c). */
#ifndef UMALINT_UM1003_DOUBLE_FETCH_H
#define UMALINT_UM1003_DOUBLE_FETCH_H

#include <stdbool.h>

#include "rules/rule.h"

/* A later read used for these is harmful when an earlier one checked. */
#define DOUBLE_FETCH_HARMFUL_LATER (UM_USE_COPY_LENGTH | UM_USE_ALLOC_SIZE | UM_USE_INDEX | UM_USE_POINTER)
/* An earlier read used for these is a check the later one can contradict. */
#define DOUBLE_FETCH_CHECKING_FIRST (UM_USE_CONDITION | UM_USE_ALLOC_SIZE | UM_USE_COPY_LENGTH)

/* A read of user memory that callers can reach: a dereference, a struct
 * copy, a library copy or an accessor call. */
bool double_fetch_is_fetch(const struct um_access *access);

/* True when no single execution reaches both nodes: different arms of an
 * if or ?:, different case sections of a switch. */
bool double_fetch_mutually_exclusive(const struct fact_node *a, const struct fact_node *b);

/* `node` is in the condition of a loop (re-read on every iteration). */
bool double_fetch_in_loop_condition(const struct fact_node *node);

/* "a copy length", "a check", ...: the most significant of the uses. */
const char *double_fetch_use_words(unsigned uses);

/* The findings across calls (UM1003_double_fetch_calls.c). */
void double_fetch_across_calls(struct rule_context *context);

#endif
