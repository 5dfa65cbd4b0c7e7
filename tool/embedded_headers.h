/* embedded_headers.h - the bundled WDK shim headers, carried inside the binary
 * and written once to a per-version cache directory for libclang to read. */
#ifndef UMALINT_EMBEDDED_HEADERS_H
#define UMALINT_EMBEDDED_HEADERS_H

#include <stddef.h>

struct embedded_file {
    const char *path;   /* relative to the include directory: "ntddk.h" */
    size_t size;
    const char *data;
};

extern const struct embedded_file embedded_headers[];
extern const size_t embedded_header_count;

/* Returns the include directory holding the bundled headers (malloc'd), or
 * NULL with a one-line reason in `error`. Safe against concurrent runs: the
 * directory is filled under a temporary name and renamed into place.
 * UMALINT_SHIM_DIR overrides it (used by tests of the headers themselves). */
char *embedded_headers_directory(char *error, size_t error_size);

#endif
