/* atomic_file.h - reading a whole file, and replacing a file's contents so
 * that a reader (or a crash, or a full disk) sees either the old bytes or
 * the new ones, never a mix: write a temporary file in the same directory,
 * fsync it, rename it over the original, fsync the directory. */
#ifndef UMALINT_ATOMIC_FILE_H
#define UMALINT_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/stat.h>

/* Reads all of `path` into a malloc'd buffer (NUL-terminated, *size bytes
 * before the NUL). Returns NULL with a one-line reason in `error`. */
char *atomic_read_file(const char *path, size_t *size, char *error, size_t error_size);

/* Called after the temporary file is complete and synced, right before the
 * rename: a non-zero return aborts the replacement (the temporary file is
 * removed, the original untouched) with the reason the callback wrote. */
typedef int atomic_precommit_fn(void *context, char *error, size_t error_size);

/* Replaces the contents of `path` (a regular file, symlinks resolved by the
 * caller) with `data`, keeping `mode` (permission bits) and, when allowed,
 * the owner. Returns 0, or -1 with a one-line reason; on failure no
 * temporary file is left behind and `path` keeps its old contents. */
int atomic_replace_file(const char *path, const char *data, size_t size, const struct stat *original,
                        atomic_precommit_fn *precommit, void *context, char *error, size_t error_size);

#endif
