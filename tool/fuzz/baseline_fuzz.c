/* baseline_fuzz.c - libFuzzer target for the baseline reader
 * (baseline_parse, tool/baseline.c): any bytes give a baseline or a
 * one-line error on a real line; a baseline read is written back and read
 * again to the same entries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tool/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct baseline baseline;
    unsigned line = 0;
    char error[512];
    if (baseline_parse(text, size, &baseline, &line, error, sizeof error) != 0) {
        unsigned lines = 1;
        for (size_t i = 0; i < size; i++)
            lines += text[i] == '\n';
        if (line < 1 || line > lines || !error[0] || strchr(error, '\n'))
            abort();
        return 0;
    }
    char *written = baseline_format(&baseline);
    if (!written)
        abort();
    struct baseline again;
    if (baseline_parse(written, strlen(written), &again, &line, error, sizeof error) != 0)
        abort();   /* what umalint writes, umalint reads */
    unsigned long total = 0, total_again = 0;
    for (size_t i = 0; i < baseline.count; i++)
        total += baseline.entries[i].count;
    for (size_t i = 0; i < again.count; i++)
        total_again += again.entries[i].count;
    if (again.count != baseline.count || total != total_again)
        abort();
    free(written);
    baseline_free(&again);
    baseline_free(&baseline);
    return 0;
}
