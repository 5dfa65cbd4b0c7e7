/* include_prefix.h - the leading `#include <...>` and `#define` lines of a
 * source file.
 *
 * Files that start with the same system includes (`<ntddk.h>`, `<wdf.h>`),
 * often after a configuration macro (`#define NTSTRSAFE_LIB`), can share
 * one precompiled header of those lines (tool/pch.c). Only lines before any
 * other code qualify, only angle-bracket includes (a quoted include is
 * looked up relative to the including file, which a shared header
 * elsewhere would resolve differently) and only one-line definitions
 * without comments, kept verbatim so that the file's own line repeats the
 * header's definition exactly. Anything unusual (a macro include, a line
 * continuation, an unterminated comment, #undef, #if) ends the prefix: a
 * shorter prefix only costs speed, a wrong one would change results. */
#ifndef UMALINT_INCLUDE_PREFIX_H
#define UMALINT_INCLUDE_PREFIX_H

#include <stddef.h>

#include "options.h"

/* Appends each leading line to `lines`: "#include <name>" or
 * "#define NAME..." (the definition as written). */
void include_prefix(const char *text, size_t size, struct string_list *lines);

#endif
