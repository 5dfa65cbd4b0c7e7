/* strbuf.h - growable NUL-terminated string, for messages and reports. */
#ifndef UMALINT_STRBUF_H
#define UMALINT_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *data;     /* always NUL-terminated once anything was appended */
    size_t length;
    size_t capacity;
};

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_append(struct strbuf *buffer, const char *text);
void strbuf_append_n(struct strbuf *buffer, const char *text, size_t length);
void strbuf_append_char(struct strbuf *buffer, char c);
void strbuf_printf(struct strbuf *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Returns the string (never NULL) and hands ownership to the caller. */
char *strbuf_take(struct strbuf *buffer);
void strbuf_free(struct strbuf *buffer);

/* Allocation helpers that abort with a message instead of returning NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *memory, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t length);
char *xasprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
