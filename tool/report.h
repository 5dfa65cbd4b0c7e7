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
    bool execution_successful;             /* false: some input could not be analysed */
    /* With a baseline: the findings it accepted, which only SARIF shows
     * (baselineState "unchanged"; the others are "new"). NULL without. */
    const struct finding_list *baselined;
};

void write_text(FILE *out, const struct report *report);   /* clang-like, with source and carets */
void write_gcc(FILE *out, const struct report *report);    /* file:line:col: severity: message [CODE] */
void write_msvc(FILE *out, const struct report *report);   /* file(line,col): severity CODE: message */
/* The JSON writers return 0, or -1 when cJSON cannot build the document. */
int write_json(FILE *out, const struct report *report);
/* --list-checks --format=json: the enabled checks as a JSON array of
 * {code, name, severity, summary, docs_url}. Returns 0 or -1 (out of memory). */
int write_checks_json(FILE *out, const bool *enabled);
int write_jsonl(FILE *out, const struct report *report);   /* one diagnostic per line */
int write_sarif(FILE *out, const struct report *report);   /* SARIF 2.1.0 (GitHub code scanning) */
void write_github(FILE *out, const struct report *report); /* GitHub Actions workflow commands */
/* --statistics: a table of findings per rule (count, with a fix). */
void write_statistics(FILE *out, const struct report *report);

#endif
