/* file_digest.h - content hashes of files on disk, each computed at most once
 * per run and shared by all workers.
 *
 * A cached result is valid while every file its translation unit read still
 * has the bytes it had then; a thousand translation units read the same
 * headers, so the headers are hashed once, not a thousand times. Within one
 * run a file is assumed not to change (as a compiler assumes). */
#ifndef UMALINT_FILE_DIGEST_H
#define UMALINT_FILE_DIGEST_H

#include <stddef.h>

#include "hash128.h"

struct file_digests;

struct file_digests *file_digests_create(void);
void file_digests_destroy(struct file_digests *digests);

/* Sets *hash to the hash of `path`'s content and returns 0, or returns -1
 * when the file cannot be read (missing, a directory, unreadable). Thread-safe. */
int file_digests_get(struct file_digests *digests, const char *path, struct hash128 *hash);

/* Reads all of `path` (malloc'd, NUL-terminated after *size bytes), or NULL. */
char *file_digest_read(const char *path, size_t *size);

#endif
