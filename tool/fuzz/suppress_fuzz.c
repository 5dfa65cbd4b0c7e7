/* suppress_fuzz.c - libFuzzer target for the suppression-comment parser
 * (suppressions_parse, tool/suppress_comments.c): any bytes, and every
 * range it returns lies inside the buffer, in order, on real lines. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tool/suppress_comments.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_range(size_t offset, size_t length, size_t size)
{
    if (offset > size || length > size - offset)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    unsigned lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += text[i] == '\n';
    struct suppression_list list = {NULL, 0};
    suppressions_parse(text, size, &list);
    unsigned previous = 0;
    for (size_t i = 0; i < list.count; i++) {
        const struct suppression_directive *d = &list.items[i];
        check_range(d->comment_offset, d->comment_length, size);
        check_range(d->directive_offset, d->directive_length, size);
        check_range(d->list_offset, d->list_length, size);
        if (d->directive_offset < d->comment_offset ||
            d->directive_offset + d->directive_length > d->comment_offset + d->comment_length)
            abort();   /* the directive is inside its comment */
        if (d->line < 1 || d->line > lines || d->end_line < d->line || d->end_line > lines || d->column < 1)
            abort();
        if (d->comment_offset < previous)
            abort();   /* source order */
        previous = d->comment_offset;
        if (!d->keyword || (d->reason && (!d->reason[0] || strchr(d->reason, '\n'))))
            abort();
        for (size_t k = 0; k < d->id_count; k++) {
            check_range(d->ids[k].offset, d->ids[k].length, size);
            if (d->ids[k].offset < d->list_offset ||
                d->ids[k].offset + d->ids[k].length > d->list_offset + d->list_length)
                abort();   /* every ID is inside the list a fix rewrites */
        }
    }
    suppression_list_free(&list);
    return 0;
}
