/* fix_export.h - --export-fixes FILE: the planned fixes in clang-tidy's
 * YAML (MainSourceFile, Diagnostics[] with DiagnosticName,
 * DiagnosticMessage{Message, FilePath, FileOffset, Replacements[{FilePath,
 * Offset, Length, ReplacementText}]}, Level, BuildDirectory), so
 * `clang-apply-replacements DIR` applies exactly what --fix would write.
 * Paths are absolute and offsets are bytes in the parsed files. */
#ifndef UMALINT_FIX_EXPORT_H
#define UMALINT_FIX_EXPORT_H

#include <stddef.h>

#include "fix_plan.h"

/* Writes the accepted fixes of `plan` to `path`. `main_source_file` may be
 * "" (several translation units). Returns 0, or -1 with a one-line reason. */
int fix_export_write(const char *path, const struct fix_plan *plan, const char *main_source_file,
                     const char *build_directory, char *error, size_t error_size);

#endif
