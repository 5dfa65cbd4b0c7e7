/* record_names.h - the typedef name of each record type of a translation
 * unit: "struct _MY_REQUEST" -> "MY_REQUEST". Suggestions say
 * TYPE_ALIGNMENT(MY_REQUEST) even when the code only reaches the struct
 * through a pointer typedef (PMY_REQUEST points to `struct _MY_REQUEST`).
 *
 * The first typedef of a record wins (`typedef struct _R {...} R, *PR;`
 * gives R). A table may inherit another one that is consulted first: the
 * names a shared precompiled header holds are collected once per run
 * (tool/pch.c), and each file that uses the header adds only the typedefs
 * it declares itself. That gives the same names as walking every
 * declaration of every file, because the header is the file's prefix. */
#ifndef UMALINT_RECORD_NAMES_H
#define UMALINT_RECORD_NAMES_H

#include <clang-c/Index.h>
#include <stdbool.h>

#include "arena.h"

struct record_name;

struct record_names {
    struct record_name *slots;             /* open addressing */
    unsigned capacity, count;
    struct arena *strings;                 /* where the names live (not owned) */
    const struct record_names *inherited;  /* consulted first, or NULL */
};

void record_names_init(struct record_names *names, struct arena *strings, const struct record_names *inherited);
/* Frees the table itself; the strings belong to the arena. */
void record_names_free(struct record_names *names);

/* Records the typedef's name for its record type, unless that record has one. */
void record_names_remember(struct record_names *names, CXCursor typedef_cursor);

/* Declarations whose children are top-level declarations too: C++
 * namespaces and extern "C" blocks (and unexposed ones, to be safe). */
bool record_names_is_container(enum CXCursorKind kind);

/* Every typedef of `unit` at file scope (as libclang's index lists the
 * unit's declarations), inside containers too. */
void record_names_collect(struct record_names *names, CXTranslationUnit unit);

/* The typedef name for a "struct X"/"union X" spelling, or the spelling. */
const char *record_names_readable(const struct record_names *names, const char *spelling);

#endif
