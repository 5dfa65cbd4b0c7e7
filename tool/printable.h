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

#endif
