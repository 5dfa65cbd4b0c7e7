/* rule.h - the interface between the facts and the rules.
 *
 * A rule is a pure function of the facts: it reads a struct facts and adds
 * findings through rule_report. It never calls libclang, never prints and
 * never reads files. */
#ifndef UMALINT_RULE_H
#define UMALINT_RULE_H

#include "tool/facts.h"
#include "tool/finding.h"
#include "tool/user_memory.h"

struct rule_info;
struct shape_cache;

struct rule_context {
    const struct facts *facts;
    const struct rule_info *rule;   /* the rule running now */
    struct finding_list *findings;  /* where findings go */
    /* User pointers, aliases and accesses of this translation unit
     * (tool/user_memory.h); built once per TU before the rules run. */
    const struct user_memory *user_memory;
    /* What the call-shape rules look up in each function, collected once
     * for all of them (rules/call_shapes.h). */
    struct shape_cache *shapes;
};

typedef void rule_function(struct rule_context *context);

struct rule_info {
    const char *code;          /* "UM2003" */
    const char *name;          /* "struct-sized-copy" */
    enum severity severity;    /* default severity */
    const char *summary;       /* one line */
    rule_function *run;        /* NULL for diagnostics the tool emits itself */
    const char *doc;           /* the rule's doc page (Markdown), embedded */
    const char *doc_file;      /* its file name under rules/: "UM2003_struct_sized_copy.md" */
};

/* ---- helpers for rule authors (rules/rule_support.c) ---- */

/* Adds a finding of the running rule at `node`'s range. */
struct finding *rule_report(struct rule_context *context, const struct fact_node *node,
                            enum severity severity, const char *message);
/* Fills a span from a node's range (strings are malloc'd). */
void rule_span_from_node(const struct facts *facts, const struct fact_node *node, struct source_span *span);
/* Adds a note to `finding` at `node`. */
void rule_note(struct rule_context *context, struct finding *finding, const struct fact_node *node,
               const char *message);
/* Replaces the node's whole source range with `replacement`. */
void rule_fix_replace(struct finding *finding, const struct fact_node *node, const char *replacement);

/* The API name a call invokes: the macro it was written as (RtlCopyMemory)
 * when that is one of `names`, else the called function. */
const char *rule_call_name(const struct fact_node *call);
bool rule_call_is(const struct fact_node *call, const char *name);

/* Splits the text of a macro invocation "M(a, b(c, d), e)" into its
 * top-level arguments. Returns the count (at most max_arguments) and fills
 * malloc'd, trimmed strings; 0 when the text is not an invocation. */
unsigned rule_invocation_arguments(const char *text, char **arguments, unsigned max_arguments);
void rule_free_strings(char **strings, unsigned count);

/* `text` without blanks (spaces, tabs, line breaks), so that source texts
 * compare however they are spaced. Malloc'd; NULL gives "". */
char *rule_squeezed_text(const char *text);

/* Calls `visit` for every node of every function. */
void rule_for_each_node(const struct facts *facts,
                        void (*visit)(const struct fact_node *node, const struct fact_function *function,
                                      void *data),
                        void *data);

#endif
