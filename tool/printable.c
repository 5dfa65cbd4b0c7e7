/* printable.c - quoting user text in messages (printable.h). */
#include "printable.h"

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
