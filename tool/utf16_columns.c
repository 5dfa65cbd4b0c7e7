/* utf16_columns.c - counts UTF-16 code units in a UTF-8 line prefix. */
#include "utf16_columns.h"

#include <string.h>

/* Length of the well-formed UTF-8 sequence at `text`, or 0 when it is not
 * one (a stray continuation byte, a bad lead byte, a cut sequence). */
static unsigned sequence_length(const unsigned char *text)
{
    unsigned length;
    if (text[0] < 0x80)
        return 1;
    if (text[0] >= 0xC2 && text[0] <= 0xDF)
        length = 2;
    else if (text[0] >= 0xE0 && text[0] <= 0xEF)
        length = 3;
    else if (text[0] >= 0xF0 && text[0] <= 0xF4)
        length = 4;
    else
        return 0;
    for (unsigned i = 1; i < length; i++)
        if ((text[i] & 0xC0) != 0x80)   /* also stops at the terminating NUL */
            return 0;
    return length;
}

unsigned utf16_column(const char *line_text, unsigned byte_column)
{
    if (!line_text || byte_column <= 1)
        return byte_column;
    const unsigned char *text = (const unsigned char *)line_text;
    size_t prefix = byte_column - 1, line_length = strlen(line_text);
    unsigned units = 0;
    size_t at = 0;
    while (at < prefix && at < line_length) {
        unsigned length = sequence_length(text + at);
        if (length == 0) {
            units++;
            at++;
        } else {
            units += length == 4 ? 2 : 1;   /* outside the BMP: a surrogate pair */
            at += length;
        }
    }
    if (prefix > at)
        units += (unsigned)(prefix - at);
    return units + 1;
}
