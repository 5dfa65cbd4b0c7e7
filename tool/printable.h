/* printable.h - text from a user's file, made safe to quote in a one-line
 * message: control bytes escaped (a newline in a JSON key must not split an
 * error line; an escape sequence must not reach the terminal) and long
 * text shortened. */
#ifndef UMALINT_PRINTABLE_H
#define UMALINT_PRINTABLE_H

#include <stddef.h>

/* At most `max` bytes of `text` with control bytes as \n, \t, \xNN, and
 * "..." when shortened. Malloc'd. */
char *printable(const char *text, size_t max);

/* The same escaping applied to a message already formatted into `buffer`
 * (of `size` bytes), shortened to fit. */
void printable_in_place(char *buffer, size_t size);

/* Where a parser of a user's text file (.umalint.json, a baseline) reports
 * its one error: the line and a one-line, escaped reason. */
struct text_error {
    const char *text;        /* the NUL-terminated copy being parsed, once made */
    size_t length;
    unsigned *error_line;
    char *error;
    size_t error_size;
};

/* The 1-based line of `offset` in `text`. */
unsigned text_line_at(const char *text, size_t offset);
/* Records `line` and the formatted, escaped reason; returns -1. */
int text_error_fail(struct text_error *state, unsigned line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* A NUL-terminated copy of `text` (malloc'd), also kept in state->text; NULL
 * after reporting "contains a NUL byte; not a <kind>" when the text has one. */
char *text_error_copy(struct text_error *state, const char *text, size_t length, const char *kind);

#endif
