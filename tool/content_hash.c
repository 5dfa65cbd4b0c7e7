/* content_hash.c - FNV-1a over bytes (see content_hash.h). */
#include "content_hash.h"

uint64_t content_hash(const void *data, size_t size)
{
    const unsigned char *bytes = data;
    uint64_t hash = 14695981039346656037ULL;   /* FNV-1a 64 offset basis */
    for (size_t i = 0; i < size; i++) {
        hash ^= bytes[i];
        hash *= 1099511628211ULL;               /* FNV-1a 64 prime */
    }
    return hash;
}
