/* content_hash.h - a 64-bit hash of a file's bytes (FNV-1a), so --fix can
 * tell whether a file still holds the bytes libclang parsed. It detects
 * accidental change (an editor saving during the run), not tampering. */
#ifndef UMALINT_CONTENT_HASH_H
#define UMALINT_CONTENT_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t content_hash(const void *data, size_t size);

#endif
