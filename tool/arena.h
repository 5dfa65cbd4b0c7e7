/* arena.h - bump allocator for data that lives exactly as long as one
 * translation unit's facts: everything is freed at once with arena_free. */
#ifndef UMALINT_ARENA_H
#define UMALINT_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
    struct arena_block *head;
};

void arena_init(struct arena *arena);
void arena_free(struct arena *arena);
/* Zeroed memory, aligned for any scalar type. Never returns NULL (aborts on OOM). */
void *arena_alloc(struct arena *arena, size_t size);
char *arena_strdup(struct arena *arena, const char *text);
char *arena_strndup(struct arena *arena, const char *text, size_t length);

#endif
