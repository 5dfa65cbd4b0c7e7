/* suppress_comments.c - a C/C++ comment lexer and the directive grammar of
 * suppress_comments.h.
 *
 * Grammar of a umalint directive (the first word of a comment, after any
 * extra '/', '*' or '!' of doc comments):
 *
 *     umalint-KIND ID[, ID...] [-- reason]
 *
 * The IDs are read from the directive's first line only, so the rest of a
 * multi-line block comment can explain itself without "--"; the reason may
 * run to the end of the comment. NOLINT forms may appear anywhere in a
 * comment and take their IDs only in parentheses written right after the
 * keyword (as clang-tidy reads them: "NOLINT (X)" is a bare NOLINT). */
#include "suppress_comments.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static bool is_identifier_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           c >= 0x80;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* The comment being read: its range and the line it starts on, for turning
 * offsets inside it into lines and columns. */
struct comment {
    const char *text;
    size_t start, end;               /* the comment with its delimiters */
    size_t body_start, body_end;     /* without them */
    unsigned line, end_line;
    size_t line_start;               /* offset of the first byte of `line` */
};

static void position_in_comment(const struct comment *comment, size_t offset, unsigned *line, unsigned *column)
{
    unsigned current = comment->line;
    size_t line_start = comment->line_start;
    for (size_t i = comment->start; i < offset; i++)
        if (comment->text[i] == '\n') {
            current++;
            line_start = i + 1;
        }
    *line = current;
    *column = (unsigned)(offset - line_start + 1);
}

static struct suppression_directive *add_directive(struct suppression_list *list)
{
    list->items = xrealloc(list->items, (list->count + 1) * sizeof *list->items);
    struct suppression_directive *directive = &list->items[list->count++];
    memset(directive, 0, sizeof *directive);
    return directive;
}

static void add_id(struct suppression_directive *directive, const char *text, size_t offset, size_t length)
{
    directive->ids = xrealloc(directive->ids, (directive->id_count + 1) * sizeof *directive->ids);
    struct suppression_id *id = &directive->ids[directive->id_count++];
    id->text = xstrndup(text + offset, length);
    id->offset = (unsigned)offset;
    id->length = (unsigned)length;
}

/* Splits [begin, end) at commas and white space into IDs. */
static void read_ids(struct suppression_directive *directive, const char *text, size_t begin, size_t end)
{
    size_t i = begin;
    while (i < end) {
        while (i < end && (is_space(text[i]) || text[i] == ','))
            i++;
        size_t start = i;
        while (i < end && !is_space(text[i]) && text[i] != ',')
            i++;
        if (i > start)
            add_id(directive, text, start, i - start);
    }
    if (directive->id_count > 0) {
        const struct suppression_id *first = &directive->ids[0], *last = &directive->ids[directive->id_count - 1];
        directive->list_offset = first->offset;
        directive->list_length = last->offset + last->length - first->offset;
    } else {
        directive->list_offset = (unsigned)begin;
        directive->list_length = 0;
    }
}

/* The reason: [begin, end) with white space collapsed, and the '*' that
 * starts the continuation lines of a block comment dropped. NULL if empty. */
static char *read_reason(const char *text, size_t begin, size_t end)
{
    struct strbuf reason = STRBUF_INIT;
    bool at_line_start = false, pending_space = false;
    for (size_t i = begin; i < end; i++) {
        char c = text[i];
        if (c == '\n') {
            at_line_start = true;
            pending_space = reason.length > 0;
            continue;
        }
        if (is_space(c)) {
            pending_space = reason.length > 0;
            continue;
        }
        if (at_line_start && c == '*')
            continue;
        at_line_start = false;
        if (c == '\0')
            c = ' ';
        if (pending_space)
            strbuf_append_char(&reason, ' ');
        pending_space = false;
        strbuf_append_char(&reason, c);
    }
    if (reason.length == 0) {
        strbuf_free(&reason);
        return NULL;
    }
    return strbuf_take(&reason);
}

static bool starts_with(const char *text, size_t at, size_t end, const char *prefix)
{
    size_t length = strlen(prefix);
    return end - at >= length && memcmp(text + at, prefix, length) == 0;
}

static enum suppression_kind umalint_kind(const char *keyword, size_t length)
{
    static const struct {
        const char *keyword;
        enum suppression_kind kind;
    } table[] = {
        {"umalint-disable-line", SUPPRESS_LINE},
        {"umalint-disable-next-line", SUPPRESS_NEXT_LINE},
        {"umalint-disable", SUPPRESS_BEGIN},
        {"umalint-enable", SUPPRESS_END},
        {"umalint-disable-file", SUPPRESS_FILE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strlen(table[i].keyword) == length && memcmp(table[i].keyword, keyword, length) == 0)
            return table[i].kind;
    return SUPPRESS_UNKNOWN;
}

static void fill_common(struct suppression_directive *directive, const struct comment *comment, size_t keyword,
                        size_t keyword_length)
{
    directive->keyword = xstrndup(comment->text + keyword, keyword_length);
    unsigned line, column;
    position_in_comment(comment, keyword, &line, &column);
    directive->line = line;
    directive->column = column;
    directive->end_line = comment->end_line;
    directive->comment_offset = (unsigned)comment->start;
    directive->comment_length = (unsigned)(comment->end - comment->start);
    directive->directive_offset = (unsigned)keyword;
}

/* A comment whose first word is umalint-disable... or umalint-enable...:
 * returns true when it was one (then NOLINT forms inside are not looked for). */
static bool read_umalint_directive(const struct comment *comment, struct suppression_list *out)
{
    const char *text = comment->text;
    size_t i = comment->body_start, end = comment->body_end;
    while (i < end && (is_space(text[i]) || text[i] == '/' || text[i] == '*' || text[i] == '!'))
        i++;
    if (!starts_with(text, i, end, "umalint-disable") && !starts_with(text, i, end, "umalint-enable"))
        return false;
    size_t keyword = i;
    while (i < end && (is_identifier_byte((unsigned char)text[i]) || text[i] == '-') &&
           !starts_with(text, i, end, "--"))
        i++;
    struct suppression_directive *directive = add_directive(out);
    directive->kind = umalint_kind(text + keyword, i - keyword);
    fill_common(directive, comment, keyword, i - keyword);

    size_t line_end = i;
    while (line_end < end && text[line_end] != '\n')
        line_end++;
    size_t ids_end = line_end, reason_start = end;
    for (size_t j = i; j + 1 < line_end; j++)
        if (text[j] == '-' && text[j + 1] == '-') {
            ids_end = j;
            reason_start = j + 2;
            break;
        }
    if (reason_start == end)   /* no "--" on the first line: look further down */
        for (size_t j = line_end; j + 1 < end; j++)
            if (text[j] == '-' && text[j + 1] == '-') {
                reason_start = j + 2;
                break;
            }
    read_ids(directive, text, i, ids_end);
    if (directive->id_count == 0)
        directive->list_offset = (unsigned)i;
    size_t directive_end = directive->id_count ? directive->list_offset + directive->list_length : i;
    directive->directive_length = (unsigned)(directive_end - keyword);
    directive->reason = read_reason(text, reason_start, end);
    return true;
}

static enum suppression_kind nolint_kind(const char *keyword, size_t length, bool *known)
{
    *known = true;
    if (length == 6 && memcmp(keyword, "NOLINT", 6) == 0)
        return SUPPRESS_LINE;
    if (length == 14 && memcmp(keyword, "NOLINTNEXTLINE", 14) == 0)
        return SUPPRESS_NEXT_LINE;
    if (length == 11 && memcmp(keyword, "NOLINTBEGIN", 11) == 0)
        return SUPPRESS_BEGIN;
    if (length == 9 && memcmp(keyword, "NOLINTEND", 9) == 0)
        return SUPPRESS_END;
    *known = false;
    return SUPPRESS_UNKNOWN;
}

/* Every NOLINT(...)-family directive in the comment. */
static void read_nolint_directives(const struct comment *comment, struct suppression_list *out)
{
    const char *text = comment->text;
    size_t end = comment->body_end;
    for (size_t i = comment->body_start; i < end; i++) {
        if (!starts_with(text, i, end, "NOLINT") ||
            (i > comment->body_start && is_identifier_byte((unsigned char)text[i - 1])))
            continue;
        size_t keyword = i, j = i;
        while (j < end && is_identifier_byte((unsigned char)text[j]))
            j++;
        bool known;
        enum suppression_kind kind = nolint_kind(text + keyword, j - keyword, &known);
        i = j - 1;
        if (!known || j >= end || text[j] != '(')
            continue;   /* another word, or a bare NOLINT: not ours */
        size_t close = j + 1;
        while (close < end && text[close] != ')' && text[close] != '\n')
            close++;
        if (close >= end || text[close] != ')')
            continue;
        struct suppression_directive *directive = add_directive(out);
        directive->kind = kind;
        directive->is_nolint = true;
        fill_common(directive, comment, keyword, j - keyword);
        read_ids(directive, text, j + 1, close);
        if (directive->id_count == 0)
            directive->list_offset = (unsigned)(j + 1);
        directive->directive_length = (unsigned)(close + 1 - keyword);
        /* "NOLINT(X): reason" or "NOLINT(X) -- reason", to the end of the line. */
        size_t reason = close + 1, reason_end = reason;
        while (reason_end < end && text[reason_end] != '\n')
            reason_end++;
        while (reason < reason_end && is_blank(text[reason]))
            reason++;
        if (reason < reason_end && text[reason] == ':')
            reason++;
        else if (starts_with(text, reason, reason_end, "--"))
            reason += 2;
        directive->reason = read_reason(text, reason, reason_end);
        i = close;
    }
}

static void read_comment(const struct comment *comment, struct suppression_list *out)
{
    if (!read_umalint_directive(comment, out))
        read_nolint_directives(comment, out);
}

/* ---- the lexer ---------------------------------------------------------- */

struct lexer {
    const char *text;
    size_t length, pos;
    unsigned line;
    size_t line_start;
};

static void advance(struct lexer *lexer)
{
    if (lexer->text[lexer->pos] == '\n') {
        lexer->line++;
        lexer->line_start = lexer->pos + 1;
    }
    lexer->pos++;
}

static char peek(const struct lexer *lexer, size_t ahead)
{
    return lexer->pos + ahead < lexer->length ? lexer->text[lexer->pos + ahead] : '\0';
}

/* A string or character literal: to the closing quote, or the end of an
 * unterminated line. Backslash escapes (and line splices) are skipped. */
static void skip_quoted(struct lexer *lexer, char quote)
{
    advance(lexer);
    while (lexer->pos < lexer->length) {
        char c = lexer->text[lexer->pos];
        if (c == '\\') {
            advance(lexer);
            if (lexer->pos < lexer->length)
                advance(lexer);
            continue;
        }
        if (c == '\n')
            return;
        advance(lexer);
        if (c == quote)
            return;
    }
}

/* R"delim( ... )delim" with lexer->pos on the opening quote. Returns false
 * (nothing consumed) when the delimiter is not a valid one. */
static bool skip_raw_string(struct lexer *lexer)
{
    size_t quote = lexer->pos, open = quote + 1;
    while (open < lexer->length && open - quote - 1 <= 16 && lexer->text[open] != '(') {
        char c = lexer->text[open];
        if (is_space(c) || c == ')' || c == '\\' || c == '"')
            return false;
        open++;
    }
    if (open >= lexer->length || lexer->text[open] != '(' || open - quote - 1 > 16)
        return false;
    const char *delimiter = lexer->text + quote + 1;
    size_t delimiter_length = open - quote - 1;
    while (lexer->pos <= open)
        advance(lexer);
    while (lexer->pos < lexer->length) {
        if (lexer->text[lexer->pos] == ')' && lexer->pos + 1 + delimiter_length < lexer->length &&
            memcmp(lexer->text + lexer->pos + 1, delimiter, delimiter_length) == 0 &&
            lexer->text[lexer->pos + 1 + delimiter_length] == '"') {
            for (size_t i = 0; i < delimiter_length + 2; i++)
                advance(lexer);
            return true;
        }
        advance(lexer);
    }
    return true;
}

static bool is_raw_string_prefix(const char *text, size_t length)
{
    return (length == 1 && text[0] == 'R') || (length == 2 && (text[0] == 'u' || text[0] == 'U' || text[0] == 'L') &&
                                               text[1] == 'R') ||
           (length == 3 && memcmp(text, "u8R", 3) == 0);
}

static void read_line_comment(struct lexer *lexer, struct suppression_list *out)
{
    struct comment comment = {lexer->text, lexer->pos, 0, lexer->pos + 2, 0, lexer->line, 0, lexer->line_start};
    advance(lexer);
    advance(lexer);
    while (lexer->pos < lexer->length && lexer->text[lexer->pos] != '\n') {
        /* A backslash at the end of the line continues the comment. */
        if (lexer->text[lexer->pos] == '\\') {
            size_t next = lexer->pos + 1;
            if (next < lexer->length && lexer->text[next] == '\r')
                next++;
            if (next < lexer->length && lexer->text[next] == '\n') {
                while (lexer->pos <= next)
                    advance(lexer);
                continue;
            }
        }
        advance(lexer);
    }
    comment.end = comment.body_end = lexer->pos;
    if (comment.body_end > comment.body_start && lexer->text[comment.body_end - 1] == '\r')
        comment.body_end--;
    comment.end_line = lexer->line;
    read_comment(&comment, out);
}

static void read_block_comment(struct lexer *lexer, struct suppression_list *out)
{
    struct comment comment = {lexer->text, lexer->pos, 0, lexer->pos + 2, 0, lexer->line, 0, lexer->line_start};
    advance(lexer);
    advance(lexer);
    while (lexer->pos < lexer->length && !(lexer->text[lexer->pos] == '*' && peek(lexer, 1) == '/'))
        advance(lexer);
    comment.body_end = lexer->pos;
    comment.end_line = lexer->line;
    if (lexer->pos < lexer->length) {   /* an unterminated comment runs to the end */
        advance(lexer);
        advance(lexer);
    }
    comment.end = lexer->pos;
    read_comment(&comment, out);
}

void suppressions_parse(const char *text, size_t length, struct suppression_list *out)
{
    if (!text || length >= UINT_MAX)
        return;
    /* Every directive spells one of these: most files have none, and
     * finding that out costs one search instead of a lexer pass. */
    if (!memmem(text, length, "umalint-", 8) && !memmem(text, length, "NOLINT", 6))
        return;
    struct lexer lexer = {text, length, 0, 1, 0};
    while (lexer.pos < length) {
        char c = text[lexer.pos];
        if (c == '/' && peek(&lexer, 1) == '/') {
            read_line_comment(&lexer, out);
        } else if (c == '/' && peek(&lexer, 1) == '*') {
            read_block_comment(&lexer, out);
        } else if (c == '"' || c == '\'') {
            skip_quoted(&lexer, c);
        } else if (c >= '0' && c <= '9') {
            /* A pp-number, so that C++14 digit separators (1'000) are not quotes. */
            while (lexer.pos < length) {
                char d = text[lexer.pos];
                char before = lexer.pos > 0 ? text[lexer.pos - 1] : '\0';
                bool exponent_sign = (d == '+' || d == '-') && before != '\0' && strchr("eEpP", before) != NULL;
                bool separator = d == '\'' && lexer.pos + 1 < length &&
                                 is_identifier_byte((unsigned char)text[lexer.pos + 1]);
                if (!is_identifier_byte((unsigned char)d) && d != '.' && !exponent_sign && !separator)
                    break;
                advance(&lexer);
            }
        } else if (is_identifier_byte((unsigned char)c)) {
            size_t start = lexer.pos;
            while (lexer.pos < length && is_identifier_byte((unsigned char)text[lexer.pos]))
                advance(&lexer);
            if (lexer.pos < length && text[lexer.pos] == '"' && is_raw_string_prefix(text + start, lexer.pos - start))
                skip_raw_string(&lexer);
        } else {
            advance(&lexer);
        }
    }
}

void suppression_list_free(struct suppression_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        struct suppression_directive *directive = &list->items[i];
        free(directive->keyword);
        free(directive->reason);
        for (size_t j = 0; j < directive->id_count; j++)
            free(directive->ids[j].text);
        free(directive->ids);
    }
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
