/* utf16_columns.h - byte columns to UTF-16 code-unit columns.
 *
 * umalint counts columns in bytes, as clang does. GitHub code scanning and
 * VS Code count UTF-16 code units, so the SARIF and GitHub writers convert
 * with the text of the line. */
#ifndef UMALINT_UTF16_COLUMNS_H
#define UMALINT_UTF16_COLUMNS_H

/* The 1-based UTF-16 column of 1-based `byte_column` in `line_text` (a line
 * without its newline, UTF-8). A byte that is not valid UTF-8 counts as one
 * unit (a replacement character), as do bytes past the end of the line (a
 * column after the last character). NULL text: the byte column unchanged. */
unsigned utf16_column(const char *line_text, unsigned byte_column);

#endif
