/* hash128.h - a fast 128-bit non-cryptographic hash for the result cache:
 * cache keys and the content of every file a translation unit read.
 *
 * Two independent 64-bit lanes fed a word (8 bytes) at a time, so hashing a
 * 2 MB header costs well under a millisecond; 128 bits make an accidental
 * collision between two cache keys negligible. It detects change, not
 * tampering: the cache directory is as trusted as the sources. */
#ifndef UMALINT_HASH128_H
#define UMALINT_HASH128_H

#include <stddef.h>
#include <stdint.h>

struct hash128 {
    uint64_t low, high;
};

/* Incremental hashing: init, any number of updates, final. */
struct hasher {
    uint64_t lane_a, lane_b;
    uint64_t total;            /* bytes fed so far */
    unsigned char tail[8];     /* bytes not yet forming a whole word */
    unsigned tail_length;
};

void hasher_init(struct hasher *hasher);
void hasher_update(struct hasher *hasher, const void *data, size_t size);
/* A string with its length first, so "ab"+"c" and "a"+"bc" differ;
 * NULL hashes differently from "". */
void hasher_update_string(struct hasher *hasher, const char *text);
void hasher_update_u64(struct hasher *hasher, uint64_t value);
struct hash128 hasher_final(const struct hasher *hasher);

/* The hash of one buffer. */
struct hash128 hash128_of(const void *data, size_t size);

int hash128_equal(struct hash128 a, struct hash128 b);
/* 32 lowercase hex digits and a NUL. */
void hash128_to_hex(struct hash128 hash, char out[33]);
/* Parses what hash128_to_hex wrote; returns 0, or -1 when `text` is not 32 hex digits. */
int hash128_from_hex(const char *text, struct hash128 *hash);

#endif
