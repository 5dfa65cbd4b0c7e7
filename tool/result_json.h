/* result_json.h - one file's analysis result (struct file_result: findings
 * with every field - notes, fixes, suppression state, fingerprint - the
 * parsed files --fix checks and the parse error count) to and from cJSON,
 * for the result cache. Every field of struct finding and struct
 * file_result that a writer, the baseline or --fix reads must round-trip:
 * when you add a field there, add it here (tool/tests/cache_test.sh
 * compares cached and fresh reports). */
#ifndef UMALINT_RESULT_JSON_H
#define UMALINT_RESULT_JSON_H

#include <cjson/cJSON.h>

#include "analyze.h"

cJSON *result_to_json(const struct file_result *result);

/* Fills `result` (zeroed first) and returns 0, or returns -1 when `json` is
 * not a result this umalint wrote (wrong shape, unknown rule); `result` is
 * then left empty. */
int result_from_json(const cJSON *json, struct file_result *result);

#endif
