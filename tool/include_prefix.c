/* include_prefix.c - a tiny scanner for the leading include lines (see
 * include_prefix.h). It skips blank lines and comments and stops at the
 * first thing that is neither `#include <name>` nor a one-line `#define`. */
#include "include_prefix.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

struct scanner {
    const char *text;
    size_t size, at;
};

static bool at_end(const struct scanner *s) { return s->at >= s->size; }
static char peek(const struct scanner *s, size_t ahead) { return s->at + ahead < s->size ? s->text[s->at + ahead] : '\0'; }

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static void skip_blanks(struct scanner *s)
{
    while (!at_end(s) && (peek(s, 0) == ' ' || peek(s, 0) == '\t'))
        s->at++;
}

/* Skips a // comment up to (not including) its newline; false when it ends
 * in a backslash (the comment would swallow the next line). */
static bool skip_line_comment(struct scanner *s)
{
    while (!at_end(s) && peek(s, 0) != '\n')
        s->at++;
    size_t end = s->at;
    while (end > 0 && s->text[end - 1] == '\r')
        end--;
    return end == 0 || s->text[end - 1] != '\\';
}

/* Skips a block comment; false when it is not terminated. */
static bool skip_block_comment(struct scanner *s)
{
    s->at += 2;
    while (s->at + 1 < s->size) {
        if (s->text[s->at] == '*' && s->text[s->at + 1] == '/') {
            s->at += 2;
            return true;
        }
        s->at++;
    }
    return false;
}

/* After the include's closing '>': only blanks and comments until the end of the line. */
static bool rest_of_line_is_empty(struct scanner *s)
{
    for (;;) {
        skip_blanks(s);
        if (at_end(s) || peek(s, 0) == '\n')
            return true;
        if (peek(s, 0) == '\r' && (peek(s, 1) == '\n' || s->at + 1 >= s->size)) {
            s->at++;
            continue;
        }
        if (peek(s, 0) == '/' && peek(s, 1) == '/')
            return skip_line_comment(s);
        if (peek(s, 0) == '/' && peek(s, 1) == '*') {
            size_t start = s->at;
            if (!skip_block_comment(s) || memchr(s->text + start, '\n', s->at - start))
                return false;   /* a comment spanning lines: keep it simple */
            continue;
        }
        return false;
    }
}

static bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* After `#include`: reads ` <name>` and the rest of the line. */
static bool read_include(struct scanner *s, struct string_list *lines)
{
    skip_blanks(s);
    if (peek(s, 0) != '<')
        return false;
    size_t name_start = ++s->at;
    while (!at_end(s) && peek(s, 0) != '>' && peek(s, 0) != '\n' && peek(s, 0) != '\\')
        s->at++;
    if (peek(s, 0) != '>' || s->at == name_start)
        return false;
    size_t name_end = s->at++;
    if (!rest_of_line_is_empty(s))
        return false;
    char *line = xasprintf("#include <%.*s>", (int)(name_end - name_start), s->text + name_start);
    string_list_add(lines, line);
    free(line);
    return true;
}

/* After `#define`: a one-line definition without comments, kept verbatim
 * from the macro's name on. Verbatim matters: the file's own line then
 * redefines the macro identically, which C allows without a word. */
static bool read_define(struct scanner *s, struct string_list *lines)
{
    if (peek(s, 0) != ' ' && peek(s, 0) != '\t')
        return false;
    skip_blanks(s);
    size_t start = s->at;
    while (!at_end(s) && is_identifier_char(peek(s, 0)))
        s->at++;
    if (s->at == start || (s->text[start] >= '0' && s->text[start] <= '9'))
        return false;
    size_t end = s->at;
    while (!at_end(s) && peek(s, 0) != '\n') {
        char c = peek(s, 0);
        if (c == '\r' && (peek(s, 1) == '\n' || s->at + 1 >= s->size)) {
            s->at++;   /* a CRLF line end */
            continue;
        }
        if (c == '\\' || (c == '/' && (peek(s, 1) == '/' || peek(s, 1) == '*')) || c == '\r' || c == '\0')
            return false;
        end = ++s->at;
    }
    while (end > start && (s->text[end - 1] == ' ' || s->text[end - 1] == '\t'))
        end--;
    char *line = xasprintf("#define %.*s", (int)(end - start), s->text + start);
    string_list_add(lines, line);
    free(line);
    return true;
}

/* At '#': reads `# include <name>` or `# define ...`; false for anything else. */
static bool read_directive(struct scanner *s, struct string_list *lines)
{
    s->at++;
    skip_blanks(s);
    size_t start = s->at;
    while (!at_end(s) && is_identifier_char(peek(s, 0)))
        s->at++;
    size_t length = s->at - start;
    if (length == 7 && memcmp(s->text + start, "include", 7) == 0)
        return read_include(s, lines);
    if (length == 6 && memcmp(s->text + start, "define", 6) == 0)
        return read_define(s, lines);
    return false;
}

void include_prefix(const char *text, size_t size, struct string_list *lines)
{
    struct scanner s = {text, size, 0};
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        s.at = 3;
    for (;;) {
        while (!at_end(&s) && is_space(peek(&s, 0)))
            s.at++;
        if (at_end(&s))
            return;
        if (peek(&s, 0) == '/' && peek(&s, 1) == '/') {
            if (!skip_line_comment(&s))
                return;
        } else if (peek(&s, 0) == '/' && peek(&s, 1) == '*') {
            if (!skip_block_comment(&s))
                return;
        } else if (peek(&s, 0) == '#') {
            if (!read_directive(&s, lines))
                return;
        } else {
            return;
        }
    }
}
