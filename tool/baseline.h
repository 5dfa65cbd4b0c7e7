/* baseline.h - the baseline file: today's findings, accepted, so that
 * tomorrow's run reports only new ones.
 *
 *   {
 *     "version": 1,
 *     "tool": "umalint",
 *     "entries": [
 *       {"rule": "UM2003", "path": "drivers/ioctl.c",
 *        "fingerprint": "umalint/v1:5b0c1d2e3f405162", "count": 2,
 *        "message": "..."}
 *     ]
 *   }
 *
 * An entry is keyed by rule, path (relative to the baseline file's
 * directory) and the content fingerprint of the finding's place
 * (tool/fingerprint.h), never by line number, with the number of findings
 * it accepts. "message" is for the reviewer of the file; it is not
 * matched. Within version 1, fields are only ever added, and readers
 * ignore the ones they do not know.
 *
 * baseline_parse and baseline_format are pure functions over buffers, so
 * the reader can be fuzzed; files and matching are in baseline_run.h. */
#ifndef UMALINT_BASELINE_H
#define UMALINT_BASELINE_H

#include <stddef.h>

struct baseline_entry {
    char *rule;
    char *path;
    char *fingerprint;
    unsigned count;
    char *message;       /* may be NULL */
    unsigned used;       /* findings matched in this run (not stored) */
};

struct baseline {
    struct baseline_entry *entries;
    size_t count;
};

/* Parses `text` (not necessarily NUL-terminated). Entries with the same
 * rule, path and fingerprint are merged (their counts add up). Returns 0,
 * or -1 with the 1-based line of the problem and a one-line reason. */
int baseline_parse(const char *text, size_t length, struct baseline *out, unsigned *error_line, char *error,
                   size_t error_size);

/* Adds `count` findings to the entry for (rule, path, fingerprint). */
void baseline_add(struct baseline *baseline, const char *rule, const char *path, const char *fingerprint,
                  unsigned count, const char *message);

/* The file's text (entries sorted by path, rule and fingerprint; the ones
 * with a zero count left out), or NULL when out of memory. Malloc'd. */
char *baseline_format(const struct baseline *baseline);

void baseline_free(struct baseline *baseline);

#endif
