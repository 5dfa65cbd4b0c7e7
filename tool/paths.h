/* paths.h - path spelling shared by the configuration search and the
 * baseline: absolute, normalised, symbolic links left alone. */
#ifndef UMALINT_PATHS_H
#define UMALINT_PATHS_H

/* `path` made absolute against `working_directory` (the current directory
 * when NULL) with "." and ".." removed lexically; links are not resolved,
 * so a file linked into a Bazel sandbox stays in the sandbox. Malloc'd. */
char *path_absolute(const char *path, const char *working_directory);

/* `absolute` relative to the directory `base` when it lies below it, else
 * `absolute` itself. Malloc'd. */
char *path_relative_to(const char *absolute, const char *base);

#endif
