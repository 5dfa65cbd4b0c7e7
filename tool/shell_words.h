/* shell_words.h - splitting an option string from the environment
 * ($UMALINT_OPTS) into words the way a POSIX shell would, without
 * expansions: so that `--extra-arg='-DNAME=a b'` is one word, as users
 * expect from variables like PYTEST_ADDOPTS. */
#ifndef UMALINT_SHELL_WORDS_H
#define UMALINT_SHELL_WORDS_H

#include <stddef.h>

#include "options.h"

/* Appends the words of `text` to `words`:
 *   - words are separated by blanks (space, tab, newline, CR, FF, VT);
 *   - '...' keeps everything inside as it is;
 *   - "..." keeps everything inside, except that a backslash before
 *     " \ $ or ` stands for that character;
 *   - outside quotes, a backslash stands for the next character (a
 *     backslash before a newline joins the lines);
 *   - '' or "" alone make an empty word.
 * No expansion of $, `, ~ or globs. Returns 0, or -1 with a one-line
 * reason in `error` (an unterminated quote, a trailing backslash); the
 * words appended before the error are left for the caller to free. */
int shell_words_split(const char *text, struct string_list *words, char *error, size_t error_size);

#endif
