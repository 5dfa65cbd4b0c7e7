/* include_prefix.h - the leading `#include <...>` lines of a source file.
 *
 * Files that start with the same system includes (`<ntddk.h>`, `<wdf.h>`)
 * can share one precompiled header of those lines (tool/pch.c). Only lines
 * before any other code qualify, and only angle-bracket includes: a quoted
 * include is looked up relative to the including file, which a shared
 * header elsewhere would resolve differently. Anything unusual (a macro
 * include, a line continuation, an unterminated comment) ends the prefix:
 * a shorter prefix only costs speed, a wrong one would change results. */
#ifndef UMALINT_INCLUDE_PREFIX_H
#define UMALINT_INCLUDE_PREFIX_H

#include <stddef.h>

#include "options.h"

/* Appends each leading include to `lines` as "#include <name>". */
void include_prefix(const char *text, size_t size, struct string_list *lines);

#endif
