/* record_names.c - see record_names.h. */
#include "record_names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

struct record_name {
    const char *canonical;      /* "struct _MY_REQUEST"; NULL: an empty slot */
    const char *typedef_name;   /* "MY_REQUEST" */
};

static uint64_t hash_text(const char *text)
{
    uint64_t hash = 0xcbf29ce484222325ull;
    for (; *text; text++)
        hash = (hash ^ (unsigned char)*text) * 0x100000001b3ull;
    return hash;
}

void record_names_init(struct record_names *names, struct arena *strings, const struct record_names *inherited)
{
    memset(names, 0, sizeof *names);
    names->strings = strings;
    names->inherited = inherited;
}

void record_names_free(struct record_names *names)
{
    free(names->slots);
    names->slots = NULL;
    names->capacity = names->count = 0;
}

/* The slot holding `canonical`, or the empty slot where it belongs. */
static struct record_name *slot_for(const struct record_names *names, const char *canonical)
{
    unsigned mask = names->capacity - 1;
    for (unsigned i = (unsigned)hash_text(canonical) & mask;; i = (i + 1) & mask)
        if (!names->slots[i].canonical || strcmp(names->slots[i].canonical, canonical) == 0)
            return &names->slots[i];
}

static const char *own_lookup(const struct record_names *names, const char *canonical)
{
    if (!names->count)
        return NULL;
    const struct record_name *slot = slot_for(names, canonical);
    return slot->canonical ? slot->typedef_name : NULL;
}

static const char *lookup(const struct record_names *names, const char *canonical)
{
    for (; names; names = names->inherited) {
        const char *found = own_lookup(names, canonical);
        if (found)
            return found;
    }
    return NULL;
}

static void grow(struct record_names *names)
{
    struct record_name *old = names->slots;
    unsigned old_capacity = names->capacity;
    names->capacity = old_capacity ? old_capacity * 2 : 256;
    names->slots = xcalloc(names->capacity, sizeof *names->slots);
    for (unsigned i = 0; i < old_capacity; i++)
        if (old[i].canonical)
            *slot_for(names, old[i].canonical) = old[i];
    free(old);
}

void record_names_remember(struct record_names *names, CXCursor typedef_cursor)
{
    CXType canonical = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(typedef_cursor));
    if (canonical.kind != CXType_Record)
        return;
    CXString spelling = clang_getTypeSpelling(canonical);
    const char *text = clang_getCString(spelling);
    if (!lookup(names, text)) {
        if ((names->count + 1) * 2 > names->capacity)
            grow(names);
        struct record_name *slot = slot_for(names, text);
        CXString name = clang_getCursorSpelling(typedef_cursor);
        slot->canonical = arena_strdup(names->strings, text);
        slot->typedef_name = arena_strdup(names->strings, clang_getCString(name));
        clang_disposeString(name);
        names->count++;
    }
    clang_disposeString(spelling);
}

bool record_names_is_container(enum CXCursorKind kind)
{
    return kind == CXCursor_Namespace || kind == CXCursor_LinkageSpec || kind == CXCursor_UnexposedDecl;
}

static enum CXChildVisitResult collect_typedef(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_TypedefDecl)
        record_names_remember(data, cursor);
    return record_names_is_container(kind) ? CXChildVisit_Recurse : CXChildVisit_Continue;
}

void record_names_collect(struct record_names *names, CXTranslationUnit unit)
{
    clang_visitChildren(clang_getTranslationUnitCursor(unit), collect_typedef, names);
}

const char *record_names_readable(const struct record_names *names, const char *spelling)
{
    if (strncmp(spelling, "struct ", 7) != 0 && strncmp(spelling, "union ", 6) != 0)
        return spelling;
    const char *found = lookup(names, spelling);
    return found ? found : spelling;
}
