/* printable.c - quoting user text in messages, and the one-line errors of
 * the parsers of users' text files (printable.h). */
#include "printable.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void printable_in_place(char *buffer, size_t size)
{
    if (size == 0)
        return;
    char *escaped = printable(buffer, size);
    size_t length = strlen(escaped);
    if (length >= size)
        length = size - 1;
    memcpy(buffer, escaped, length);
    buffer[length] = '\0';
    free(escaped);
}

char *printable(const char *text, size_t max)
{
    struct strbuf out = STRBUF_INIT;
    strbuf_append(&out, "");
    size_t length = text ? strlen(text) : 0;
    for (size_t i = 0; i < length && i < max; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n')
            strbuf_append(&out, "\\n");
        else if (c == '\t')
            strbuf_append(&out, "\\t");
        else if (c < 0x20 || c == 0x7f)
            strbuf_printf(&out, "\\x%02x", c);
        else
            strbuf_append_char(&out, (char)c);
    }
    if (length > max)
        strbuf_append(&out, "...");
    return strbuf_take(&out);
}

unsigned text_line_at(const char *text, size_t offset)
{
    unsigned line = 1;
    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

int text_error_fail(struct text_error *state, unsigned line, const char *format, ...)
{
    *state->error_line = line;
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(state->error, state->error_size, format, arguments);
    va_end(arguments);
    printable_in_place(state->error, state->error_size);   /* keys and values quoted from the file */
    return -1;
}

char *text_error_copy(struct text_error *state, const char *text, size_t length, const char *kind)
{
    const char *nul = memchr(text, '\0', length);
    if (nul) {
        text_error_fail(state, text_line_at(text, (size_t)(nul - text)), "contains a NUL byte; not a %s", kind);
        return NULL;
    }
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    state->text = copy;
    return copy;
}
