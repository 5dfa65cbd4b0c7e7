/* compile_flags.h - the compiler arguments each file is parsed with: from a
 * compile database (-p DIR or found upward from the file), else the embedded
 * default (MSVC x64 target with the bundled WDK shims). The shims are always
 * added with -idirafter, so real WDK headers given with -I or by the
 * database win. */
#ifndef UMALINT_COMPILE_FLAGS_H
#define UMALINT_COMPILE_FLAGS_H

#include <stddef.h>

#include "options.h"

struct compile_flags;

/* Returns NULL with a one-line reason in `error` when -p names a directory
 * without a loadable compile_commands.json. */
struct compile_flags *compile_flags_create(const struct options *options, const char *shim_directory,
                                           char *error, size_t error_size);
void compile_flags_destroy(struct compile_flags *flags);

/* Fills `arguments` (free with string_list_free) for `path`; `config_args`
 * (the configuration files' extra_args, may be NULL) go before the command
 * line's -I/-D/--extra-arg. Returns 0, or -1 with a reason when the file's
 * compile database cannot be loaded. Thread-safe. */
int compile_flags_for(struct compile_flags *flags, const char *path, const struct string_list *config_args,
                      struct string_list *arguments, char *error, size_t error_size);

/* The default arguments (without the file), for the benchmark and tests. */
void compile_flags_default(const struct compile_flags *flags, struct string_list *arguments);

#endif
