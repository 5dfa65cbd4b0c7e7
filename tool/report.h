/* report.h - the writers: findings in, text out. A writer formats; it never
 * decides what is a finding. */
#ifndef UMALINT_REPORT_H
#define UMALINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"
#include "options.h"

struct report {
    const struct finding_list *findings;   /* sorted */
    size_t files_analyzed;
    const char *libclang_version;          /* "19.1.7" */
    bool color;
};

void write_text(FILE *out, const struct report *report);   /* clang-like, with source and carets */
void write_gcc(FILE *out, const struct report *report);    /* file:line:col: severity: message [CODE] */
void write_msvc(FILE *out, const struct report *report);   /* file(line,col): severity CODE: message */
/* Returns 0, or -1 when cJSON cannot build the document (out of memory). */
int write_json(FILE *out, const struct report *report);

#endif
