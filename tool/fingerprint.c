/* fingerprint.c - content fingerprints of finding locations (fingerprint.h). */
#include "fingerprint.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "strbuf.h"

static const uint64_t fnv_offset_basis = 0xcbf29ce484222325ull, fnv_prime = 0x100000001b3ull;

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Hashes [begin, end) without its white space. */
static uint64_t hash_line(uint64_t hash, const char *text, size_t begin, size_t end)
{
    for (size_t i = begin; i < end; i++) {
        if (is_space(text[i]))
            continue;
        hash ^= (unsigned char)text[i];
        hash *= fnv_prime;
    }
    hash ^= '\n';
    return hash * fnv_prime;
}

static bool is_blank_line(const char *text, size_t begin, size_t end)
{
    for (size_t i = begin; i < end; i++)
        if (!is_space(text[i]))
            return false;
    return true;
}

static size_t line_start(const char *text, size_t offset)
{
    while (offset > 0 && text[offset - 1] != '\n')
        offset--;
    return offset;
}

static size_t line_end(const char *text, size_t size, size_t offset)
{
    while (offset < size && text[offset] != '\n')
        offset++;
    return offset;
}

static char *format(uint64_t context, uint64_t line)
{
    return xasprintf("umalint/v1:%016" PRIx64 "-%016" PRIx64, context, line);
}

const char *fingerprint_line_part(const char *fingerprint)
{
    const char *dash = fingerprint ? strrchr(fingerprint, '-') : NULL;
    return dash ? dash + 1 : "";
}

char *fingerprint_at(const char *text, size_t size, size_t offset)
{
    if (offset > size)
        offset = size;
    size_t begin = line_start(text, offset), end = line_end(text, size, offset);
    /* The nearest non-blank line above, and below. */
    size_t above_begin = begin, above_end = begin;
    while (above_begin > 0) {
        above_end = above_begin - 1;   /* its newline */
        above_begin = line_start(text, above_end);
        if (!is_blank_line(text, above_begin, above_end))
            break;
        above_end = above_begin;
    }
    size_t below_begin = end, below_end = end;
    while (below_begin < size) {
        below_begin++;   /* past the newline */
        below_end = line_end(text, size, below_begin);
        if (!is_blank_line(text, below_begin, below_end))
            break;
        below_begin = below_end;
        below_end = below_begin;
    }
    uint64_t context = fnv_offset_basis;
    context = hash_line(context, text, above_begin, above_end);
    context = hash_line(context, text, begin, end);
    context = hash_line(context, text, below_begin < size ? below_begin : size, below_end);
    return format(context, hash_line(fnv_offset_basis, text, begin, end));
}

char *fingerprint_of_line(const char *line)
{
    uint64_t context = fnv_offset_basis;
    context = hash_line(context, "", 0, 0);
    context = hash_line(context, line, 0, strlen(line));
    context = hash_line(context, "", 0, 0);
    return format(context, hash_line(fnv_offset_basis, line, 0, strlen(line)));
}

/* The offset of the start of 1-based `line`, or `size` when there is none. */
static size_t offset_of_line(const char *text, size_t size, unsigned line)
{
    size_t offset = 0;
    for (unsigned current = 1; current < line && offset < size; offset++)
        if (text[offset] == '\n')
            current++;
    return offset;
}

void fingerprint_findings(const struct facts *facts, struct finding_list *findings)
{
    for (size_t i = 0; i < findings->count; i++) {
        struct finding *finding = &findings->items[i];
        if (finding->fingerprint)
            continue;
        const struct fact_file *file = finding->where.file ? facts_find_file(facts, finding->where.file) : NULL;
        if (file) {
            /* The offset is exact and cheap; a finding made without one has only its line. */
            size_t offset = finding->where.offset;
            if ((offset == 0 && finding->where.line > 1) || offset > file->size)
                offset = offset_of_line(file->contents, file->size, finding->where.line);
            finding->fingerprint = fingerprint_at(file->contents, file->size, offset);
        } else {
            finding->fingerprint = fingerprint_of_line(finding->where.line_text ? finding->where.line_text : "");
        }
    }
}
