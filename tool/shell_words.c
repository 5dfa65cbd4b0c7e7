/* shell_words.c - see shell_words.h. */
#include "shell_words.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int shell_words_split(const char *text, struct string_list *words, char *error, size_t error_size)
{
    const char *at = text;
    for (;;) {
        while (is_blank(*at))
            at++;
        if (!*at)
            return 0;
        /* One word: runs of plain, quoted and escaped characters, up to a blank. */
        struct strbuf word = STRBUF_INIT;
        strbuf_append(&word, "");
        bool is_word = false;   /* '' alone is an empty word; an escaped newline alone is none */
        while (*at && !is_blank(*at)) {
            is_word = is_word || !(at[0] == '\\' && at[1] == '\n');
            if (*at == '\'') {
                const char *close = strchr(at + 1, '\'');
                if (!close) {
                    snprintf(error, error_size, "unterminated single quote at character %zu", (size_t)(at - text) + 1);
                    strbuf_free(&word);
                    return -1;
                }
                strbuf_append_n(&word, at + 1, (size_t)(close - at - 1));
                at = close + 1;
            } else if (*at == '"') {
                const char *open = at++;
                while (*at && *at != '"') {
                    if (*at == '\\' && at[1] && strchr("\"\\$`", at[1]))
                        at++;
                    strbuf_append_char(&word, *at++);
                }
                if (!*at) {
                    snprintf(error, error_size, "unterminated double quote at character %zu",
                             (size_t)(open - text) + 1);
                    strbuf_free(&word);
                    return -1;
                }
                at++;
            } else if (*at == '\\') {
                if (!at[1]) {
                    snprintf(error, error_size, "a backslash at the end escapes nothing");
                    strbuf_free(&word);
                    return -1;
                }
                if (at[1] != '\n')
                    strbuf_append_char(&word, at[1]);
                at += 2;
            } else {
                strbuf_append_char(&word, *at++);
            }
        }
        if (is_word)
            string_list_add(words, word.data);
        strbuf_free(&word);
    }
}
