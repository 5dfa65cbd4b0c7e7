/* discover.h - from command-line paths to the list of source files to parse.
 * Knows nothing of C: it walks directories, applies excludes and reports
 * what it skipped and why. */
#ifndef UMALINT_DISCOVER_H
#define UMALINT_DISCOVER_H

#include <stddef.h>

#include "options.h"

struct source_file {
    char *path;          /* as shown to the user: the given path joined with names found below it */
    long long size;      /* bytes, for scheduling the largest files first */
};

struct discovery {
    struct source_file *files;
    size_t file_count;
    struct string_list notes;    /* "umalint: note: PATH: skipped: reason" lines */
    struct string_list errors;   /* "umalint: error: PATH: reason" lines (exit status 2) */
};

void discover_sources(const struct options *options, struct discovery *discovery);
void discovery_free(struct discovery *discovery);
/* True when the name ends in .c .cc .cpp or .cxx. */
int is_source_name(const char *name);

#endif
