/* strbuf.c - growable strings and allocation helpers that never return NULL. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("umalint: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t size)
{
    void *memory = malloc(size ? size : 1);
    if (!memory)
        out_of_memory();
    return memory;
}

void *xcalloc(size_t count, size_t size)
{
    void *memory = calloc(count ? count : 1, size ? size : 1);
    if (!memory)
        out_of_memory();
    return memory;
}

void *xrealloc(void *memory, size_t size)
{
    void *grown = realloc(memory, size ? size : 1);
    if (!grown)
        out_of_memory();
    return grown;
}

char *xstrndup(const char *text, size_t length)
{
    char *copy = xmalloc(length + 1);
    memcpy(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char *xstrdup(const char *text) { return xstrndup(text, strlen(text)); }

static void reserve(struct strbuf *buffer, size_t extra)
{
    size_t needed = buffer->length + extra + 1;
    if (needed <= buffer->capacity)
        return;
    size_t capacity = buffer->capacity ? buffer->capacity : 64;
    while (capacity < needed)
        capacity *= 2;
    buffer->data = xrealloc(buffer->data, capacity);
    buffer->capacity = capacity;
}

void strbuf_append_n(struct strbuf *buffer, const char *text, size_t length)
{
    reserve(buffer, length);
    memcpy(buffer->data + buffer->length, text, length);
    buffer->length += length;
    buffer->data[buffer->length] = '\0';
}

void strbuf_append(struct strbuf *buffer, const char *text)
{
    strbuf_append_n(buffer, text, strlen(text));
}

void strbuf_append_char(struct strbuf *buffer, char c) { strbuf_append_n(buffer, &c, 1); }

static void strbuf_vprintf(struct strbuf *buffer, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int needed = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (needed < 0)
        return;
    reserve(buffer, (size_t)needed);
    vsnprintf(buffer->data + buffer->length, (size_t)needed + 1, format, args);
    buffer->length += (size_t)needed;
}

void strbuf_printf(struct strbuf *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    strbuf_vprintf(buffer, format, args);
    va_end(args);
}

char *strbuf_take(struct strbuf *buffer)
{
    char *text = buffer->data ? buffer->data : xstrdup("");
    buffer->data = NULL;
    buffer->length = buffer->capacity = 0;
    return text;
}

void strbuf_free(struct strbuf *buffer)
{
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = buffer->capacity = 0;
}

char *xasprintf(const char *format, ...)
{
    struct strbuf buffer = STRBUF_INIT;
    va_list args;
    va_start(args, format);
    strbuf_vprintf(&buffer, format, args);
    va_end(args);
    return strbuf_take(&buffer);
}
