/* config_fuzz.c - libFuzzer target for the .umalint.json reader
 * (config_parse, tool/config_parse.c): any bytes must give a config or a
 * one-line error with a line inside the text, never a crash or a leak; a
 * parsed config must layer onto another. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tool/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct config config;
    unsigned line = 0;
    char error[512];
    if (config_parse(text, size, &config, &line, error, sizeof error) != 0) {
        unsigned lines = 1;
        for (size_t i = 0; i < size; i++)
            lines += text[i] == '\n';
        /* The error names a line of the text, and a reason on one line. */
        if (line < 1 || line > lines || !error[0] || strchr(error, '\n'))
            abort();
        return 0;
    }
    struct config layered;
    memset(&layered, 0, sizeof layered);
    config_layer(&layered, &config);
    config_layer(&layered, &config);
    if (layered.severity_count != config.severity_count)
        abort();   /* the same keys again replace, they do not add */
    config_free(&layered);
    config_free(&config);
    return 0;
}
