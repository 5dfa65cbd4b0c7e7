/* arena.c - bump allocator: blocks of at least 64 KiB chained together. */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t capacity;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

void arena_init(struct arena *arena) { arena->head = NULL; }

void arena_free(struct arena *arena)
{
    struct arena_block *block = arena->head;
    while (block) {
        struct arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

void *arena_alloc(struct arena *arena, size_t size)
{
    size_t rounded = (size + 15u) & ~(size_t)15u;
    struct arena_block *block = arena->head;
    if (!block || block->capacity - block->used < rounded) {
        size_t capacity = rounded > ARENA_BLOCK_SIZE ? rounded : ARENA_BLOCK_SIZE;
        block = malloc(sizeof *block + capacity);
        if (!block) {
            fputs("umalint: out of memory\n", stderr);
            abort();
        }
        block->capacity = capacity;
        block->used = 0;
        block->next = arena->head;
        arena->head = block;
    }
    void *memory = block->data + block->used;
    block->used += rounded;
    memset(memory, 0, size);
    return memory;
}

char *arena_strndup(struct arena *arena, const char *text, size_t length)
{
    char *copy = arena_alloc(arena, length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *arena_strdup(struct arena *arena, const char *text)
{
    return arena_strndup(arena, text, strlen(text));
}
