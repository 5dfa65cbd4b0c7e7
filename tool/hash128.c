/* hash128.c - see hash128.h. Each lane multiplies and rotates per word with
 * its own odd constants; the final step mixes the lanes with the length
 * through a 64-bit finaliser (the murmur3 fmix64 constants). */
#include "hash128.h"

#include <stdio.h>
#include <string.h>

#define PRIME_A1 0x9E3779B185EBCA87ull
#define PRIME_A2 0xC2B2AE3D27D4EB4Full
#define PRIME_B1 0x165667B19E3779F9ull
#define PRIME_B2 0xD6E8FEB86659FD93ull

static uint64_t rotate_left(uint64_t value, unsigned bits) { return (value << bits) | (value >> (64 - bits)); }

static uint64_t finalise(uint64_t value)
{
    value ^= value >> 33;
    value *= 0xFF51AFD7ED558CCDull;
    value ^= value >> 33;
    value *= 0xC4CEB9FE1A85EC53ull;
    value ^= value >> 33;
    return value;
}

static void feed_word(struct hasher *hasher, uint64_t word)
{
    hasher->lane_a = rotate_left(hasher->lane_a ^ (word * PRIME_A1), 31) * PRIME_A2;
    hasher->lane_b = rotate_left(hasher->lane_b + (word * PRIME_B1), 29) * PRIME_B2;
}

static uint64_t load_word(const unsigned char *bytes)
{
    uint64_t word;
    memcpy(&word, bytes, sizeof word);   /* byte order only matters within one machine's cache */
    return word;
}

void hasher_init(struct hasher *hasher)
{
    memset(hasher, 0, sizeof *hasher);
    hasher->lane_a = 0x243F6A8885A308D3ull;
    hasher->lane_b = 0x13198A2E03707344ull;
}

void hasher_update(struct hasher *hasher, const void *data, size_t size)
{
    const unsigned char *bytes = data;
    hasher->total += size;
    if (hasher->tail_length) {
        while (size && hasher->tail_length < 8) {
            hasher->tail[hasher->tail_length++] = *bytes++;
            size--;
        }
        if (hasher->tail_length < 8)
            return;
        feed_word(hasher, load_word(hasher->tail));
        hasher->tail_length = 0;
    }
    /* Two words per round keep both multipliers busy. */
    while (size >= 16) {
        feed_word(hasher, load_word(bytes));
        feed_word(hasher, load_word(bytes + 8));
        bytes += 16;
        size -= 16;
    }
    if (size >= 8) {
        feed_word(hasher, load_word(bytes));
        bytes += 8;
        size -= 8;
    }
    memcpy(hasher->tail, bytes, size);
    hasher->tail_length = (unsigned)size;
}

void hasher_update_u64(struct hasher *hasher, uint64_t value)
{
    unsigned char bytes[8];
    for (int i = 0; i < 8; i++)
        bytes[i] = (unsigned char)(value >> (8 * i));
    hasher_update(hasher, bytes, sizeof bytes);
}

void hasher_update_string(struct hasher *hasher, const char *text)
{
    if (!text) {
        hasher_update_u64(hasher, UINT64_MAX);
        return;
    }
    size_t length = strlen(text);
    hasher_update_u64(hasher, length);
    hasher_update(hasher, text, length);
}

struct hash128 hasher_final(const struct hasher *hasher)
{
    uint64_t a = hasher->lane_a, b = hasher->lane_b;
    if (hasher->tail_length) {
        unsigned char last[8] = {0};
        memcpy(last, hasher->tail, hasher->tail_length);
        uint64_t word = load_word(last);
        a = rotate_left(a ^ (word * PRIME_A1), 31) * PRIME_A2;
        b = rotate_left(b + (word * PRIME_B1), 29) * PRIME_B2;
    }
    a ^= hasher->total;
    b ^= hasher->total * PRIME_B1;
    struct hash128 hash;
    hash.low = finalise(a + rotate_left(b, 17));
    hash.high = finalise(b ^ rotate_left(a, 41));
    return hash;
}

struct hash128 hash128_of(const void *data, size_t size)
{
    struct hasher hasher;
    hasher_init(&hasher);
    hasher_update(&hasher, data, size);
    return hasher_final(&hasher);
}

int hash128_equal(struct hash128 a, struct hash128 b) { return a.low == b.low && a.high == b.high; }

void hash128_to_hex(struct hash128 hash, char out[33])
{
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)hash.high, (unsigned long long)hash.low);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int hash128_from_hex(const char *text, struct hash128 *hash)
{
    uint64_t parts[2] = {0, 0};
    for (int i = 0; i < 32; i++) {
        int digit = text ? hex_digit(text[i]) : -1;
        if (digit < 0)
            return -1;
        parts[i / 16] = (parts[i / 16] << 4) | (uint64_t)digit;
    }
    if (text[32] != '\0')
        return -1;
    hash->high = parts[0];
    hash->low = parts[1];
    return 0;
}
