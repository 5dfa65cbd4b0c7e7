/* accessor_names.c - the Windows typedef -> typed accessor name table
 * (ULONG -> ReadULongFromUser, ULONGLONG -> ReadULonglongFromUser, ...),
 * with a size-based fallback, and the text builders for Read/Write calls.
 *
 * Spellings follow the appendix of usermode-accessors.md exactly; the
 * families are easy to get wrong (ULonglong vs ULong64, SizeT, NtStatus). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/accessor_names.h"
#include "tool/strbuf.h"

struct named_accessor {
    const char *spelling;   /* the declared typedef */
    const char *token;
    const char *c_type;     /* the accessor's parameter type */
};

/* Typedefs the API names directly, and a few SDK aliases of exactly the
 * same C type (DWORD is ULONG, PHYSICAL_ADDRESS is LARGE_INTEGER), whose
 * addresses therefore need no cast. */
static const struct named_accessor named_accessors[] = {
    {"BOOLEAN", "Boolean", "BOOLEAN"},
    {"UCHAR", "UChar", "UCHAR"},
    {"BYTE", "UChar", "UCHAR"},
    {"CHAR", "Char", "CHAR"},
    {"CCHAR", "Char", "CHAR"},
    {"KPROCESSOR_MODE", "Char", "CHAR"},
    {"WCHAR", "WChar", "WCHAR"},
    {"USHORT", "UShort", "USHORT"},
    {"WORD", "UShort", "USHORT"},
    {"SHORT", "Short", "SHORT"},
    {"CSHORT", "Short", "SHORT"},
    {"ULONG", "ULong", "ULONG"},
    {"DWORD", "ULong", "ULONG"},
    {"CLONG", "ULong", "ULONG"},
    {"LONG", "Long", "LONG"},
    {"ULONGLONG", "ULonglong", "ULONGLONG"},
    {"LONGLONG", "Longlong", "LONGLONG"},
    {"ULONG64", "ULong64", "ULONG64"},
    {"DWORD64", "ULong64", "ULONG64"},
    {"LONG64", "Long64", "LONG64"},
    {"ULONG_PTR", "ULongPtr", "ULONG_PTR"},
    {"DWORD_PTR", "ULongPtr", "ULONG_PTR"},
    {"KAFFINITY", "ULongPtr", "ULONG_PTR"},
    {"LONG_PTR", "LongPtr", "LONG_PTR"},
    {"UINT8", "UInt8", "UINT8"},
    {"INT8", "Int8", "INT8"},
    {"UINT16", "UInt16", "UINT16"},
    {"INT16", "Int16", "INT16"},
    {"UINT32", "UInt32", "UINT32"},
    {"INT32", "Int32", "INT32"},
    {"UINT64", "UInt64", "UINT64"},
    {"INT64", "Int64", "INT64"},
    {"UINT_PTR", "UIntPtr", "UINT_PTR"},
    {"INT_PTR", "IntPtr", "INT_PTR"},
    {"SIZE_T", "SizeT", "SIZE_T"},
    {"SSIZE_T", "SSizeT", "SSIZE_T"},
    {"NTSTATUS", "NtStatus", "NTSTATUS"},
    {"HANDLE", "Handle", "HANDLE"},
    {"PVOID", "Pointer", "PVOID"},
    {"LARGE_INTEGER", "LargeInteger", "LARGE_INTEGER"},
    {"PHYSICAL_ADDRESS", "LargeInteger", "LARGE_INTEGER"},
    {"ULARGE_INTEGER", "ULargeInteger", "ULARGE_INTEGER"},
    {"UNICODE_STRING", "UnicodeString", "UNICODE_STRING"},
};

/* Records with a dedicated accessor, recognised by their canonical name
 * when declared through some other typedef. */
static const struct named_accessor record_accessors[] = {
    {"union _LARGE_INTEGER", "LargeInteger", "LARGE_INTEGER"},
    {"union _ULARGE_INTEGER", "ULargeInteger", "ULARGE_INTEGER"},
    {"struct _UNICODE_STRING", "UnicodeString", "UNICODE_STRING"},
};

/* The integer families by size, with the canonical spelling of their C
 * type under the MSVC x64 target: a location of exactly that canonical
 * type needs no cast (a typedef of ULONG), any other one does (an enum,
 * an `unsigned int`). */
struct sized_accessor {
    long long size;
    bool is_signed;
    const char *token, *c_type, *canonical;
};

static const struct sized_accessor sized_accessors[] = {
    {1, false, "UChar", "UCHAR", "unsigned char"},
    {1, true, "Char", "CHAR", "char"},
    {2, false, "UShort", "USHORT", "unsigned short"},
    {2, true, "Short", "SHORT", "short"},
    {4, false, "ULong", "ULONG", "unsigned long"},
    {4, true, "Long", "LONG", "long"},
    {8, false, "ULong64", "ULONG64", "unsigned long long"},
    {8, true, "Long64", "LONG64", "long long"},
};

/* The spelling without const/volatile/restrict words: "const ULONG" and
 * "ULONG volatile" both give "ULONG". Malloc'd. */
static char *unqualified_spelling(const char *spelling)
{
    struct strbuf buffer = STRBUF_INIT;
    const char *p = spelling ? spelling : "";
    while (*p) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        size_t length = (size_t)(p - word);
        if (length == 0)
            break;
        bool qualifier = (length == 5 && strncmp(word, "const", 5) == 0) ||
                         (length == 8 && strncmp(word, "volatile", 8) == 0) ||
                         (length == 8 && strncmp(word, "restrict", 8) == 0) ||
                         (length == 10 && strncmp(word, "__restrict", 10) == 0);
        if (qualifier)
            continue;
        if (buffer.length)
            strbuf_append_char(&buffer, ' ');
        strbuf_append_n(&buffer, word, length);
    }
    return strbuf_take(&buffer);
}

static const struct named_accessor *find_named(const struct named_accessor *table, size_t count,
                                               const char *spelling)
{
    for (size_t i = 0; spelling && i < count; i++)
        if (strcmp(table[i].spelling, spelling) == 0)
            return &table[i];
    return NULL;
}

/* Signedness of an integer type from its canonical spelling. Plain char is
 * signed under MSVC; bool and wchar_t are unsigned. */
static bool canonical_is_signed(const char *canonical)
{
    if (!canonical)
        return false;
    if (strstr(canonical, "unsigned") || strstr(canonical, "_Bool") || strstr(canonical, "bool") ||
        strstr(canonical, "wchar_t") || strstr(canonical, "char16_t"))
        return false;
    return true;
}

bool accessor_type_of(const struct fact_type *type, struct accessor_type *result)
{
    memset(result, 0, sizeof *result);
    if (!type)
        return false;
    char *spelling = unqualified_spelling(type->spelling);
    char *canonical = unqualified_spelling(type->canonical);
    bool found = false;
    const struct named_accessor *named =
        find_named(named_accessors, sizeof named_accessors / sizeof named_accessors[0], spelling);
    if (!named && type->type_class == TYPE_RECORD)
        named = find_named(record_accessors, sizeof record_accessors / sizeof record_accessors[0], canonical);
    if (named) {
        /* A typedef name can be shadowed by a user type of another shape;
         * trust it only when the class agrees (records for the records). */
        bool is_record_token = strcmp(named->token, "LargeInteger") == 0 ||
                               strcmp(named->token, "ULargeInteger") == 0 ||
                               strcmp(named->token, "UnicodeString") == 0;
        if (is_record_token == (type->type_class == TYPE_RECORD)) {
            result->token = named->token;
            result->c_type = named->c_type;
            result->needs_cast = false;
            found = true;
        }
    }
    if (!found && type->type_class == TYPE_POINTER) {
        result->token = "Pointer";
        result->c_type = "PVOID";
        /* ReadPointerFromUser takes PVOID const volatile *; the address of
         * a PCHAR or PMY_STRUCT field is not one. */
        result->needs_cast = !(canonical && strcmp(canonical, "void *") == 0);
        found = true;
    }
    if (!found && type->type_class == TYPE_INTEGER && type->size > 0) {
        bool is_signed = canonical_is_signed(canonical);
        for (size_t i = 0; i < sizeof sized_accessors / sizeof sized_accessors[0]; i++) {
            const struct sized_accessor *sized = &sized_accessors[i];
            if (sized->size != type->size || sized->is_signed != is_signed)
                continue;
            result->token = sized->token;
            result->c_type = sized->c_type;
            result->needs_cast = !(canonical && strcmp(canonical, sized->canonical) == 0);
            found = true;
            break;
        }
    }
    free(spelling);
    free(canonical);
    return found;
}

const char *accessor_type_name(const struct fact_type *type)
{
    struct accessor_type accessor;
    return accessor_type_of(type, &accessor) ? accessor.token : NULL;
}

/* Whether `text` can take a prefix operator without parentheses: an
 * identifier, member chain or call, not "a + b" or "(T)x". */
static bool is_postfix_expression(const struct fact_node *node)
{
    if (!node)
        return false;
    switch (node->kind) {
    case NODE_DECL_REF: case NODE_MEMBER: case NODE_SUBSCRIPT: case NODE_CALL: case NODE_PAREN:
        return true;
    default:
        return false;
    }
}

char *accessor_address_text(const struct fact_node *lvalue, const struct accessor_type *accessor)
{
    const struct fact_node *node = lvalue;
    while (node && node->kind == NODE_PAREN && node->child_count == 1)
        node = node->children[0];
    char *address;
    if (node && node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0 && node->child_count == 1) {
        /* *p: the address is p itself. */
        address = xstrdup(node->children[0]->text ? node->children[0]->text : "");
        if (accessor && accessor->needs_cast) {
            char *cast = is_postfix_expression(node->children[0])
                             ? xasprintf("(%s *)%s", accessor->c_type, address)
                             : xasprintf("(%s *)(%s)", accessor->c_type, address);
            free(address);
            address = cast;
        }
        return address;
    }
    const char *text = node && node->text ? node->text : "";
    /* & binds looser than -> and [], so &p->f and &p[i] need no parentheses. */
    address = is_postfix_expression(node) ? xasprintf("&%s", text) : xasprintf("&(%s)", text);
    if (accessor && accessor->needs_cast) {
        char *cast = xasprintf("(%s *)%s", accessor->c_type, address);
        free(address);
        address = cast;
    }
    return address;
}

char *accessor_read_text(const char *token, const char *address_text, const char *mode_text)
{
    if (mode_text)
        return xasprintf("Read%sFromMode(%s, %s)", token, address_text, mode_text);
    return xasprintf("Read%sFromUser(%s)", token, address_text);
}

char *accessor_write_text(const char *token, const char *address_text, const char *value_text,
                          const char *mode_text)
{
    if (mode_text)
        return xasprintf("Write%sToMode(%s, %s, %s)", token, address_text, value_text, mode_text);
    return xasprintf("Write%sToUser(%s, %s)", token, address_text, value_text);
}

char *accessor_read_call(const struct fact_node *lvalue, const char *mode_text)
{
    struct accessor_type accessor;
    if (!lvalue || !accessor_type_of(&lvalue->type, &accessor))
        return NULL;
    char *address = accessor_address_text(lvalue, &accessor);
    char *call = accessor_read_text(accessor.token, address, mode_text);
    free(address);
    return call;
}

char *accessor_write_call(const struct fact_node *lvalue, const char *value_text, const char *mode_text)
{
    struct accessor_type accessor;
    if (!lvalue || !accessor_type_of(&lvalue->type, &accessor))
        return NULL;
    char *address = accessor_address_text(lvalue, &accessor);
    char *call = accessor_write_text(accessor.token, address, value_text, mode_text);
    free(address);
    return call;
}
