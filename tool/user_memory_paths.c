/* user_memory_paths.c - designators and paths: how a location inside a
 * root is written (".Hdr" while building, "->Hdr" for rules) and when two
 * paths may name overlapping memory (um_paths_overlap). */
#include "user_memory_internal.h"

#include <string.h>


bool um_paths_overlap(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    /* "@+16" is memory past an offset taken with pointer arithmetic
     * (p + 1 is the next element): it overlaps only paths under the same
     * offset, not the pointee itself. */
    if ((a[0] == '@') != (b[0] == '@'))
        return false;
    if (strcmp(a, "*") == 0 || strcmp(b, "*") == 0)
        return true;
    /* "->A.B" and "->A" overlap; "->A" and "->AB" do not. Unknown
     * indexes overlap any index at that level. */
    while (*a && *b) {
        if (*a == *b) {
            a++, b++;
            continue;
        }
        if ((a[0] == '?' || b[0] == '?') && a[-1] == '[') {
            while (*a && *a != ']')
                a++;
            while (*b && *b != ']')
                b++;
            continue;
        }
        return false;
    }
    return (*a == 0 || *a == '.' || *a == '[' || *a == '@') && (*b == 0 || *b == '.' || *b == '[' || *b == '@');
}

char *um_arena_concat(struct arena *arena, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *text = arena_alloc(arena, la + lb + 1);
    memcpy(text, a, la);
    memcpy(text + la, b, lb + 1);
    return text;
}

/* Designator (".Hdr", "" = whole) to the rendered path ("->Hdr", "*"). */
const char *um_render_path(struct arena *arena, const char *designator)
{
    if (!designator || !*designator)
        return "*";
    if (designator[0] == '.')
        return um_arena_concat(arena, "->", designator + 1);
    return arena_strdup(arena, designator);
}
