/* facts_extract.c - builds the facts IR (facts.h) in one traversal of a TU.
 *
 * Only code outside system headers is visited (the bundled shims and real
 * WDK headers are system headers), so the cost is proportional to the
 * driver's own code. Implicit casts are folded away; explicit casts, parens
 * and macro-expanded calls keep enough source information for messages and
 * fixes. Nothing here decides whether code is risky: that is the rules' job. */
#include "facts_extract.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record_names.h"
#include "strbuf.h"

struct extract_context {
    CXTranslationUnit unit;
    struct facts *facts;
    const char *display_path;
    CXFile main_file;
    /* Files seen so far; few per TU, so a linear table is enough. */
    CXFile *cx_files;
    struct fact_file **fact_files;
    struct line_table *line_tables;
    unsigned file_count;
    unsigned last_file;   /* the index file_for found last: nodes come in runs */
    unsigned confirmed_macro_locations;   /* see spelled_in_macro */
    /* See file_location: the main file's start in clang's raw encoding,
     * once known, and how many locations have confirmed it. */
    bool main_start_known;
    unsigned main_start;
    CXFile main_file_located;   /* the main file as clang_getFileLocation names it */
    struct macro_location_slot *macro_locations;   /* MACRO_LOCATION_SLOTS of them */
    unsigned confirmed_main_offsets;
    /* UMALINT_CHECK_SHORTCUTS set: every shortcut taken is checked against
     * libclang's own answer (for the tests; it costs what it saves). */
    bool check_shortcuts;
    /* "struct _MY_REQUEST" -> "MY_REQUEST" (record_names.h). */
    struct record_names record_names;
    /* Printing a type is one of the costliest libclang calls and the same
     * few types recur on most nodes: spellings, and whole fact_types, by
     * CXType identity. */
    struct spelling_slot *spellings;
    unsigned spelling_capacity, spelling_count;
    struct declaration_slot *declarations;
    unsigned declaration_capacity, declaration_count;
};

/* Where each line of a file starts, so that a node's line and column come
 * from its offset instead of two more libclang queries per node. Lines end
 * as clang counts them: "\n", "\r\n" or a lone "\r". */
struct line_table {
    unsigned *starts;
    unsigned count;
};

/* What the nodes that refer to one declaration share: its name and, for a
 * field, its byte offset (libclang checks the whole record on each ask).
 * Keyed by the declaration itself, not by decl_key: declarations made by
 * one macro expansion share a place. */
struct declaration_slot {
    CXCursor declaration;
    unsigned hash;
    bool used;
    uint64_t key;            /* decl_key_of; never 0 once computed */
    const char *name;
    long long field_offset;  /* -1: not a field at a whole-byte offset */
    bool has_field_offset;
};

struct spelling_slot {
    enum CXTypeKind kind;
    const void *type;        /* CXType.data[0]: the type with its qualifiers */
    const char *text;        /* in the facts' arena; NULL: empty slot */
    /* fill_type's result for this type, when asked, and the number of
     * record names known then (a new typedef can rename a pointee). */
    struct fact_type *filled;
    unsigned filled_names;
};

/* ---- files and locations ------------------------------------------------ */

/* Locations inside macro expansions cost the most to resolve (libclang
 * walks the chain of expansions for each), and neighbouring nodes share
 * some of them: a call begins where its callee does. Their answers are
 * kept per unit, keyed by the raw encoding, which within one unit is the
 * location's identity (clang_equalLocations compares nothing else). */
#define MACRO_LOCATION_SLOTS 1024
struct macro_location_slot {
    unsigned raw;            /* 0: empty (a macro location has its top bit set) */
    CXFile file;
    unsigned offset;
    signed char in_macro;    /* spelled_in_macro's answer; -1: not asked yet */
};

static void build_line_table(struct line_table *table, const char *text, unsigned long size)
{
    unsigned capacity = 64;
    table->starts = xmalloc(capacity * sizeof *table->starts);
    table->starts[0] = 0;
    table->count = 1;
    for (unsigned long i = 0; i < size; i++) {
        if (text[i] != '\n' && text[i] != '\r')
            continue;
        if (text[i] == '\r' && i + 1 < size && text[i + 1] == '\n')
            i++;
        if (table->count == capacity) {
            capacity *= 2;
            table->starts = xrealloc(table->starts, capacity * sizeof *table->starts);
        }
        table->starts[table->count++] = (unsigned)(i + 1);
    }
}

/* 1-based line and column (in bytes) of `offset`. */
static void line_and_column(const struct line_table *table, unsigned offset, unsigned *line, unsigned *column)
{
    unsigned low = 0, high = table->count;   /* the last start <= offset is in [low, high) */
    while (high - low > 1) {
        unsigned middle = low + (high - low) / 2;
        if (table->starts[middle] <= offset)
            low = middle;
        else
            high = middle;
    }
    *line = low + 1;
    *column = offset - table->starts[low] + 1;
}

static unsigned file_index_for(struct extract_context *ctx, CXFile file)
{
    if (ctx->last_file < ctx->file_count &&
        (ctx->cx_files[ctx->last_file] == file || clang_File_isEqual(ctx->cx_files[ctx->last_file], file)))
        return ctx->last_file;
    for (unsigned i = 0; i < ctx->file_count; i++)
        if (clang_File_isEqual(ctx->cx_files[i], file))
            return ctx->last_file = i;
    struct facts *facts = ctx->facts;
    struct fact_file *entry = arena_alloc(&facts->arena, sizeof *entry);
    entry->is_main = clang_File_isEqual(file, ctx->main_file);
    if (entry->is_main) {
        entry->path = facts->main_file;
    } else {
        CXString name = clang_getFileName(file);
        entry->path = arena_strdup(&facts->arena, clang_getCString(name));
        clang_disposeString(name);
    }
    size_t size = 0;
    const char *contents = clang_getFileContents(ctx->unit, file, &size);
    entry->contents = contents ? arena_strndup(&facts->arena, contents, size) : "";
    entry->size = contents ? size : 0;

    unsigned count = ctx->file_count + 1;
    ctx->cx_files = xrealloc(ctx->cx_files, count * sizeof *ctx->cx_files);
    ctx->fact_files = xrealloc(ctx->fact_files, count * sizeof *ctx->fact_files);
    ctx->line_tables = xrealloc(ctx->line_tables, count * sizeof *ctx->line_tables);
    ctx->cx_files[ctx->file_count] = file;
    ctx->fact_files[ctx->file_count] = entry;
    build_line_table(&ctx->line_tables[ctx->file_count], entry->contents, entry->size);
    ctx->file_count = count;

    facts->files = arena_alloc(&facts->arena, ctx->file_count * sizeof *facts->files);
    memcpy(facts->files, ctx->fact_files, ctx->file_count * sizeof *facts->files);
    facts->file_count = ctx->file_count;
    return ctx->last_file = count - 1;
}

static struct fact_file *file_for(struct extract_context *ctx, CXFile file)
{
    unsigned index = file_index_for(ctx, file);   /* may grow fact_files: first */
    return ctx->fact_files[index];
}

/* libclang hands out a location as clang's raw SourceLocation encoding in
 * int_data, whose top bit marks a location inside a macro expansion; any
 * other location is spelled where it is. Asking libclang for the spelling
 * is the costliest location query, so it is skipped when the bit is clear.
 * The encoding is not part of libclang's documented API, so each unit asks
 * for every spelling until it has seen MACRO_LOCATIONS_TO_CONFIRM locations
 * in macros all carry the bit, and one that does not turns the shortcut
 * off for the rest of the run. */
#define MACRO_LOCATION_BIT 0x80000000u
#define MACRO_LOCATIONS_TO_CONFIRM 16
static atomic_bool macro_bit_is_unreliable;

/* Only with UMALINT_CHECK_SHORTCUTS: an internal error, one line, exit 2. */
static void shortcut_failed(const char *what)
{
    fprintf(stderr, "umalint: internal error: fact extraction shortcut disagrees with libclang: %s\n", what);
    exit(2);
}

static bool macro_bit_is_trusted(const struct extract_context *ctx)
{
    return ctx->confirmed_macro_locations >= MACRO_LOCATIONS_TO_CONFIRM &&
           !atomic_load_explicit(&macro_bit_is_unreliable, memory_order_relaxed);
}

static struct macro_location_slot *macro_location_slot(struct extract_context *ctx, unsigned raw)
{
    return &ctx->macro_locations[(raw * 0x9E3779B1u) >> 22];   /* top 10 bits: 1024 slots */
}

/* True when the location's spelling is inside a macro definition rather than
 * in the code the user wrote at that place (its file location is given). */
static bool spelled_in_macro(struct extract_context *ctx, CXSourceLocation location, CXFile file, unsigned offset)
{
    bool has_bit = (location.int_data & MACRO_LOCATION_BIT) != 0;
    bool confirmed = macro_bit_is_trusted(ctx);
    if (!has_bit && confirmed && !ctx->check_shortcuts)
        return false;
    struct macro_location_slot *slot = has_bit ? macro_location_slot(ctx, location.int_data) : NULL;
    if (slot && slot->raw == location.int_data && slot->in_macro >= 0 && !ctx->check_shortcuts)
        return slot->in_macro;
    CXFile spelling_file;
    unsigned spelling_offset;
    clang_getSpellingLocation(location, &spelling_file, NULL, NULL, &spelling_offset);
    bool in_macro = offset != spelling_offset || !clang_File_isEqual(file, spelling_file);
    if (!has_bit && confirmed && in_macro)
        shortcut_failed("a location in a macro without the macro bit");
    if (in_macro && !confirmed) {
        if (has_bit)
            ctx->confirmed_macro_locations++;
        else
            atomic_store(&macro_bit_is_unreliable, true);
    }
    if (slot && slot->raw == location.int_data)
        slot->in_macro = in_macro;
    return in_macro;
}

static bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Length of the token starting at `offset` (an identifier or one character). */
static unsigned token_length(const struct fact_file *file, unsigned offset)
{
    unsigned end = offset;
    while (end < file->size && is_identifier_char(file->contents[end]))
        end++;
    return end > offset ? end - offset : (offset < file->size ? 1 : 0);
}

/* The file and offset of a location, as clang_getFileLocation gives them.
 * In clang's raw encoding (int_data), a location outside macros in the
 * main file is the main file's start plus its offset: the main file is
 * one contiguous span, and other files and macro expansions get spans of
 * their own. Once one location in the main file has shown where it
 * starts, the offsets of the others are a subtraction instead of a search
 * through clang's table of spans. Like the macro bit (spelled_in_macro),
 * each unit checks the first MAIN_OFFSETS_TO_CONFIRM of them against
 * libclang, and one disagreement turns the shortcut off for the rest of
 * the run. Locations in macros are remembered (macro_location_slot). */
#define MAIN_OFFSETS_TO_CONFIRM 16
static atomic_bool main_offset_is_unreliable;

static void file_location(struct extract_context *ctx, CXSourceLocation location, CXFile *file, unsigned *offset)
{
    unsigned raw = location.int_data;
    bool usable = ctx->main_start_known && !(raw & MACRO_LOCATION_BIT) && raw >= ctx->main_start &&
                  raw - ctx->main_start <= ctx->fact_files[0]->size && macro_bit_is_trusted(ctx) &&
                  !atomic_load_explicit(&main_offset_is_unreliable, memory_order_relaxed);
    bool confirmed = ctx->confirmed_main_offsets >= MAIN_OFFSETS_TO_CONFIRM;
    if (usable && confirmed && !ctx->check_shortcuts) {
        *file = ctx->main_file_located;
        *offset = raw - ctx->main_start;
        return;
    }
    struct macro_location_slot *slot = (raw & MACRO_LOCATION_BIT) ? macro_location_slot(ctx, raw) : NULL;
    if (slot && slot->raw == raw && !ctx->check_shortcuts) {
        *file = slot->file;
        *offset = slot->offset;
        return;
    }
    *file = NULL;
    *offset = 0;
    clang_getFileLocation(location, file, NULL, NULL, offset);
    if (slot)
        *slot = (struct macro_location_slot){raw, *file, *offset, -1};
    if (usable) {
        bool agrees = *file == ctx->main_file_located && *offset == raw - ctx->main_start;
        if (!agrees && confirmed)
            shortcut_failed("a main-file offset from the raw location");
        if (agrees)
            ctx->confirmed_main_offsets++;
        else
            atomic_store(&main_offset_is_unreliable, true);
    } else if (!ctx->main_start_known && *file && !(raw & MACRO_LOCATION_BIT) && raw >= *offset &&
               clang_File_isEqual(*file, ctx->main_file)) {
        ctx->main_start = raw - *offset;
        ctx->main_file_located = *file;
        ctx->main_start_known = true;
    }
}

static uint64_t key_for_location(struct extract_context *ctx, CXSourceLocation location)
{
    CXFile file;
    unsigned offset = 0;
    file_location(ctx, location, &file, &offset);
    uint64_t key = (uint64_t)(uintptr_t)file * 0x9E3779B97F4A7C15ull;
    return (key ^ ((uint64_t)offset + 1) * 0xC2B2AE3D27D4EB4Full) | 1u;
}

static uint64_t decl_key_of(struct extract_context *ctx, CXCursor declaration)
{
    if (clang_Cursor_isNull(declaration))
        return 0;
    return key_for_location(ctx, clang_getCursorLocation(declaration));
}

/* The node's file, offsets, lines and columns, and text, once the range
 * [offset, end_offset) in file `index` is known. */
static void set_node_range(struct extract_context *ctx, struct fact_node *node, unsigned index, unsigned offset,
                           unsigned end_offset)
{
    const struct fact_file *fact_file = ctx->fact_files[index];
    node->file = fact_file->path;
    node->offset = offset;
    node->end_offset = end_offset;
    line_and_column(&ctx->line_tables[index], offset, &node->line, &node->column);
    line_and_column(&ctx->line_tables[index], end_offset, &node->end_line, &node->end_column);
    node->text = arena_strndup(&ctx->facts->arena, fact_file->contents + offset, end_offset - offset);
}

/* Fills the node's file, line/column range, offsets and text. */
static void set_source_range(struct extract_context *ctx, struct fact_node *node, CXCursor cursor)
{
    CXSourceRange extent = clang_getCursorExtent(cursor);
    CXSourceLocation begin = clang_getRangeStart(extent), end = clang_getRangeEnd(extent);
    CXFile file = NULL, end_file = NULL;
    unsigned offset = 0, end_offset = 0;
    file_location(ctx, begin, &file, &offset);
    file_location(ctx, end, &end_file, &end_offset);
    if (!file)
        return;
    unsigned index = file_index_for(ctx, file);
    struct fact_file *fact_file = ctx->fact_files[index];
    bool begins_in_macro = spelled_in_macro(ctx, begin, file, offset);
    if (begins_in_macro && offset < fact_file->size && is_identifier_char(fact_file->contents[offset])) {
        unsigned length = token_length(fact_file, offset);
        node->macro = arena_strndup(&ctx->facts->arena, fact_file->contents + offset, length);
    }
    /* A range ending inside a macro expansion ends at the start of the
     * invocation's last token; make it exclusive like ordinary ranges. */
    if (clang_File_isEqual(file, end_file) && end_offset >= offset && spelled_in_macro(ctx, end, end_file, end_offset))
        end_offset += token_length(fact_file, end_offset);
    if (!clang_File_isEqual(file, end_file) || end_offset < offset)
        end_offset = offset;
    if (end_offset > fact_file->size)
        end_offset = offset;
    set_node_range(ctx, node, index, offset, end_offset);
}

/* The range of a reference or an integer literal that is one token written
 * in the file (not in a macro): from its location to the token's end,
 * which is what libclang's extent gives, at a fraction of the cost. False
 * (ask libclang) for anything else: a location in a macro, a qualified or
 * templated C++ name, an operator name, a token with a line splice or a
 * digit separator. */
static bool set_single_token_range(struct extract_context *ctx, struct fact_node *node, CXCursor cursor)
{
    CXSourceLocation location = clang_getCursorLocation(cursor);
    if (!macro_bit_is_trusted(ctx) || (location.int_data & MACRO_LOCATION_BIT))
        return false;
    CXFile file = NULL;
    unsigned offset = 0;
    file_location(ctx, location, &file, &offset);
    if (!file)
        return false;
    unsigned index = file_index_for(ctx, file);
    const struct fact_file *fact_file = ctx->fact_files[index];
    if (offset >= fact_file->size || !is_identifier_char(fact_file->contents[offset]))
        return false;
    unsigned length = token_length(fact_file, offset);
    const char *token = fact_file->contents + offset;
    char next = offset + length < fact_file->size ? token[length] : '\0';
    if (next == '\\' || next == '\'' || next == '.' || next == '?')
        return false;
    if (node->kind == NODE_DECL_REF) {
        if (!node->name || strlen(node->name) != length || memcmp(node->name, token, length) != 0)
            return false;
        unsigned after = offset + length, before = offset;
        while (after < fact_file->size && strchr(" \t\r\n", fact_file->contents[after]))
            after++;
        while (before > 0 && strchr(" \t\r\n", fact_file->contents[before - 1]))
            before--;
        if ((after < fact_file->size && fact_file->contents[after] == '<') ||
            (before > 0 && fact_file->contents[before - 1] == ':'))
            return false;
    } else if (!(token[0] >= '0' && token[0] <= '9')) {
        return false;
    }
    set_node_range(ctx, node, index, offset, offset + length);
    return true;
}

/* ---- types -------------------------------------------------------------- */

static size_t spelling_slot_of(const struct extract_context *ctx, CXType type)
{
    uint64_t key = ((uint64_t)(uintptr_t)type.data[0] ^ (uint64_t)type.kind) * 0x9E3779B97F4A7C15ull;
    size_t mask = ctx->spelling_capacity - 1, slot = (size_t)(key >> 32) & mask;
    while (ctx->spellings[slot].text &&
           (ctx->spellings[slot].type != type.data[0] || ctx->spellings[slot].kind != type.kind))
        slot = (slot + 1) & mask;
    return slot;
}

static void grow_spellings(struct extract_context *ctx)
{
    struct spelling_slot *old = ctx->spellings;
    unsigned old_capacity = ctx->spelling_capacity;
    ctx->spelling_capacity = old_capacity ? old_capacity * 2 : 256;
    ctx->spellings = xcalloc(ctx->spelling_capacity, sizeof *ctx->spellings);
    for (unsigned i = 0; i < old_capacity; i++) {
        if (!old[i].text)
            continue;
        CXType type = {old[i].kind, {(void *)old[i].type, NULL}};
        ctx->spellings[spelling_slot_of(ctx, type)] = old[i];
    }
    free(old);
}

/* The cache slot of a type, with its spelling filled in. The same CXType
 * (the same type with the same qualifiers in this unit) always prints the
 * same. */
static struct spelling_slot *type_slot(struct extract_context *ctx, CXType type)
{
    if ((ctx->spelling_count + 1) * 2 > ctx->spelling_capacity)
        grow_spellings(ctx);
    struct spelling_slot *slot = &ctx->spellings[spelling_slot_of(ctx, type)];
    if (slot->text)
        return slot;
    CXString spelling = clang_getTypeSpelling(type);
    const char *text = arena_strdup(&ctx->facts->arena, clang_getCString(spelling));
    clang_disposeString(spelling);
    *slot = (struct spelling_slot){type.kind, type.data[0], text, NULL, 0};
    ctx->spelling_count++;
    return slot;
}

static const char *type_spelling(struct extract_context *ctx, CXType type)
{
    return type_slot(ctx, type)->text;
}

static enum type_class classify(CXType type)
{
    CXType canonical = clang_getCanonicalType(type);
    switch (canonical.kind) {
    case CXType_Void: return TYPE_VOID;
    case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_Char16:
    case CXType_Char32: case CXType_UShort: case CXType_UInt: case CXType_ULong:
    case CXType_ULongLong: case CXType_UInt128: case CXType_Char_S: case CXType_SChar:
    case CXType_WChar: case CXType_Short: case CXType_Int: case CXType_Long:
    case CXType_LongLong: case CXType_Int128: case CXType_Enum:
        return TYPE_INTEGER;
    case CXType_Float: case CXType_Double: case CXType_LongDouble: return TYPE_FLOAT;
    case CXType_Pointer: return TYPE_POINTER;
    case CXType_Record: return TYPE_RECORD;
    case CXType_ConstantArray: case CXType_IncompleteArray: case CXType_VariableArray:
        return TYPE_ARRAY;
    case CXType_FunctionProto: case CXType_FunctionNoProto: return TYPE_FUNCTION;
    default: return TYPE_OTHER;
    }
}

static bool has_known_layout(CXType canonical)
{
    enum CXTypeKind kind = canonical.kind;
    if (kind >= CXType_FirstBuiltin && kind <= CXType_LastBuiltin)
        return kind != CXType_Void && kind != CXType_Overload && kind != CXType_Dependent;
    switch (kind) {
    case CXType_Pointer: case CXType_Record: case CXType_Enum: case CXType_ConstantArray:
    case CXType_LValueReference: case CXType_RValueReference: case CXType_Complex:
    case CXType_MemberPointer: case CXType_Vector: case CXType_ExtVector: case CXType_BlockPointer:
        return true;
    default:
        return false;
    }
}

static void describe_type(struct extract_context *ctx, struct fact_type *out, CXType type)
{
    out->spelling = type_spelling(ctx, type);
    CXType canonical = clang_getCanonicalType(type);
    out->canonical = type_spelling(ctx, canonical);
    out->type_class = classify(type);
    /* libclang 19 crashes when asked the layout of some types: the
     * "<builtin fn type>" of a reference to __builtin_memcpy (unexposed) and
     * the "<overloaded function type>" of C++ code with errors. Ask only for
     * types that have a layout. */
    bool has_layout = has_known_layout(canonical);
    out->size = has_layout ? clang_Type_getSizeOf(type) : -1;
    out->align = has_layout ? clang_Type_getAlignOf(type) : -1;
    out->is_const = clang_isConstQualifiedType(type);
    out->is_volatile = clang_isVolatileQualifiedType(type);
    CXType element = {CXType_Invalid, {0, 0}};
    if (out->type_class == TYPE_POINTER) {
        element = clang_getPointeeType(type);
        if (element.kind == CXType_Invalid)   /* a typedef of a pointer type */
            element = clang_getPointeeType(canonical);
    }
    else if (out->type_class == TYPE_ARRAY)
        element = clang_getArrayElementType(canonical);
    if (element.kind != CXType_Invalid) {
        out->pointee_spelling = record_names_readable(&ctx->record_names, type_spelling(ctx, element));
        out->pointee_canonical = type_spelling(ctx, clang_getCanonicalType(element));
        out->pointee_class = classify(element);
        bool element_has_layout = has_known_layout(clang_getCanonicalType(element));
        out->pointee_size = element_has_layout ? clang_Type_getSizeOf(element) : -1;
        out->pointee_align = element_has_layout ? clang_Type_getAlignOf(element) : -1;
    }
}

/* Types recur on most nodes: describe each one once (per record-name
 * generation) and copy the description. */
static void fill_type(struct extract_context *ctx, struct fact_type *out, CXType type)
{
    if (type.kind == CXType_Invalid)
        return;
    struct spelling_slot *slot = type_slot(ctx, type);
    if (!slot->filled || slot->filled_names != ctx->record_names.count) {
        struct fact_type description = {0};
        describe_type(ctx, &description, type);
        /* describe_type may grow the table: look the slot up again. */
        slot = type_slot(ctx, type);
        if (!slot->filled)
            slot->filled = arena_alloc(&ctx->facts->arena, sizeof *slot->filled);
        *slot->filled = description;
        slot->filled_names = ctx->record_names.count;
    }
    *out = *slot->filled;
}

/* ---- nodes -------------------------------------------------------------- */

struct child_list {
    CXCursor *items;
    unsigned count, capacity;
};

static enum CXChildVisitResult collect_child(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct child_list *list = data;
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 8;
        list->items = xrealloc(list->items, list->capacity * sizeof *list->items);
    }
    list->items[list->count++] = cursor;
    return CXChildVisit_Continue;
}

static bool is_reference_cursor(enum CXCursorKind kind)
{
    return (kind >= CXCursor_FirstRef && kind <= CXCursor_LastRef) ||
           clang_isAttribute(kind) || kind == CXCursor_StructDecl || kind == CXCursor_UnionDecl ||
           kind == CXCursor_EnumDecl || kind == CXCursor_TypedefDecl;
}

/* Kinds that never have children worth a node (a label reference at
 * most): asking libclang to visit them costs a visitor each. */
static bool is_leaf_kind(enum CXCursorKind kind)
{
    switch (kind) {
    case CXCursor_IntegerLiteral: case CXCursor_FloatingLiteral: case CXCursor_CharacterLiteral:
    case CXCursor_StringLiteral: case CXCursor_NullStmt: case CXCursor_BreakStmt:
    case CXCursor_ContinueStmt: case CXCursor_GotoStmt: case CXCursor_SEHLeaveStmt:
        return true;
    default:
        return false;
    }
}

static enum node_kind node_kind_for(enum CXCursorKind kind)
{
    switch (kind) {
    case CXCursor_CompoundStmt: return NODE_COMPOUND;
    case CXCursor_DeclStmt: return NODE_DECL_STMT;
    case CXCursor_VarDecl: case CXCursor_ParmDecl: return NODE_VAR_DECL;
    case CXCursor_IfStmt: return NODE_IF;
    case CXCursor_WhileStmt: return NODE_WHILE;
    case CXCursor_DoStmt: return NODE_DO;
    case CXCursor_ForStmt: return NODE_FOR;
    case CXCursor_SwitchStmt: return NODE_SWITCH;
    case CXCursor_CaseStmt: return NODE_CASE;
    case CXCursor_DefaultStmt: return NODE_DEFAULT;
    case CXCursor_ReturnStmt: return NODE_RETURN;
    case CXCursor_GotoStmt: return NODE_GOTO;
    case CXCursor_LabelStmt: return NODE_LABEL;
    case CXCursor_BreakStmt: return NODE_BREAK;
    case CXCursor_ContinueStmt: return NODE_CONTINUE;
    case CXCursor_NullStmt: return NODE_NULL_STMT;
    case CXCursor_SEHTryStmt: return NODE_TRY;
    case CXCursor_SEHExceptStmt: return NODE_EXCEPT;
    case CXCursor_SEHFinallyStmt: return NODE_FINALLY;
    case CXCursor_SEHLeaveStmt: return NODE_LEAVE;
    case CXCursor_CallExpr: return NODE_CALL;
    case CXCursor_DeclRefExpr: return NODE_DECL_REF;
    case CXCursor_MemberRefExpr: return NODE_MEMBER;
    case CXCursor_ArraySubscriptExpr: return NODE_SUBSCRIPT;
    case CXCursor_UnaryOperator: return NODE_UNARY;
    case CXCursor_BinaryOperator: case CXCursor_CompoundAssignOperator: return NODE_BINARY;
    case CXCursor_ConditionalOperator: return NODE_CONDITIONAL;
    case CXCursor_CStyleCastExpr: return NODE_CAST;
    case CXCursor_ParenExpr: return NODE_PAREN;
    case CXCursor_UnaryExpr: return NODE_SIZEOF;
    case CXCursor_IntegerLiteral: return NODE_INTEGER;
    case CXCursor_FloatingLiteral: return NODE_FLOATING;
    case CXCursor_StringLiteral: return NODE_STRING;
    case CXCursor_CharacterLiteral: return NODE_CHARACTER;
    case CXCursor_InitListExpr: return NODE_INIT_LIST;
    case CXCursor_CompoundLiteralExpr: return NODE_COMPOUND_LITERAL;
    default: return NODE_OTHER;
    }
}

static bool is_expression_kind(enum node_kind kind) { return kind >= NODE_CALL; }

/* Kinds whose integer value is worth asking clang for, when no variable or
 * call is involved below them. */
static bool may_be_constant(const struct fact_node *node)
{
    switch (node->kind) {
    case NODE_SIZEOF: case NODE_INTEGER: case NODE_CHARACTER:
        return true;
    case NODE_OTHER:
        /* offsetof(T, f) has only type and member references below it; its
         * value makes FIELD_OFFSET and the C TYPE_ALIGNMENT(T) constant. */
        return node->child_count == 0;
    case NODE_BINARY:
        if (node->op && strchr(node->op, '=') && strcmp(node->op, "==") && strcmp(node->op, "!=") &&
            strcmp(node->op, "<=") && strcmp(node->op, ">="))
            return false;
        /* fall through */
    case NODE_UNARY: case NODE_PAREN: case NODE_CAST: case NODE_CONDITIONAL:
        if (node->kind == NODE_UNARY && node->op &&
            (!strcmp(node->op, "&") || !strcmp(node->op, "*") || strstr(node->op, "++") || strstr(node->op, "--")))
            return false;
        for (unsigned i = 0; i < node->child_count; i++)
            if (!node->children[i]->has_value)
                return false;
        return true;
    default:
        return false;
    }
}

/* An integer literal written in the file: its value without asking
 * clang's evaluator (which allocates a result per call). False for
 * anything unusual: clang then evaluates it. */
static bool read_integer_literal(const struct fact_node *node, long long *value)
{
    const char *text = node->text;
    if (node->kind != NODE_INTEGER || node->macro || !text || !(*text >= '0' && *text <= '9'))
        return false;
    errno = 0;
    char *end = NULL;
    unsigned long long parsed = strtoull(text, &end, 0);
    if (errno || end == text)
        return false;
    while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
        end++;
    if (*end)
        return false;
    *value = (long long)parsed;
    return true;
}

static void evaluate(struct fact_node *node, CXCursor cursor)
{
    if (node->type.type_class != TYPE_INTEGER || !may_be_constant(node))
        return;
    if (read_integer_literal(node, &node->value)) {
        node->has_value = true;
        return;
    }
    /* A parenthesised constant has its operand's value and type. */
    if (node->kind == NODE_PAREN && node->child_count == 1 && node->children[0]->has_value &&
        node->children[0]->type.canonical == node->type.canonical) {
        node->has_value = true;
        node->value = node->children[0]->value;
        return;
    }
    CXEvalResult result = clang_Cursor_Evaluate(cursor);
    if (!result)
        return;
    if (clang_EvalResult_getKind(result) == CXEval_Int) {
        node->has_value = true;
        node->value = clang_EvalResult_isUnsignedInt(result)
                          ? (long long)clang_EvalResult_getAsUnsigned(result)
                          : clang_EvalResult_getAsLongLong(result);
    }
    clang_EvalResult_dispose(result);
}

static struct fact_node *build_node(struct extract_context *ctx, CXCursor cursor, unsigned guarded_depth);

/* Room for up to `capacity` children, allocated once (add_child fills it). */
static void reserve_children(struct extract_context *ctx, struct fact_node *parent, unsigned capacity)
{
    if (capacity)
        parent->children = arena_alloc(&ctx->facts->arena, capacity * sizeof *parent->children);
}

static void add_child(struct fact_node *parent, struct fact_node *child)
{
    if (!child)
        return;
    parent->children[parent->child_count++] = child;
    child->parent = parent;
    if (child->is_invalid && is_expression_kind(parent->kind))
        parent->is_invalid = true;
}

static const char *cursor_name(struct extract_context *ctx, CXCursor cursor)
{
    CXString spelling = clang_getCursorSpelling(cursor);
    const char *text = clang_getCString(spelling);
    const char *name = text && *text ? arena_strdup(&ctx->facts->arena, text) : NULL;
    clang_disposeString(spelling);
    return name;
}

static struct declaration_slot *declaration_slot(struct extract_context *ctx, CXCursor declaration)
{
    if ((ctx->declaration_count + 1) * 2 > ctx->declaration_capacity) {
        struct declaration_slot *old = ctx->declarations;
        unsigned old_capacity = ctx->declaration_capacity;
        ctx->declaration_capacity = old_capacity ? old_capacity * 2 : 256;
        ctx->declarations = xcalloc(ctx->declaration_capacity, sizeof *ctx->declarations);
        for (unsigned i = 0; i < old_capacity; i++) {
            if (!old[i].used)
                continue;
            unsigned mask = ctx->declaration_capacity - 1, at = old[i].hash & mask;
            while (ctx->declarations[at].used)
                at = (at + 1) & mask;
            ctx->declarations[at] = old[i];
        }
        free(old);
    }
    unsigned hash = clang_hashCursor(declaration) * 0x9E3779B1u;
    unsigned mask = ctx->declaration_capacity - 1, at = hash & mask;
    while (ctx->declarations[at].used &&
           !(ctx->declarations[at].hash == hash && clang_equalCursors(ctx->declarations[at].declaration, declaration)))
        at = (at + 1) & mask;
    struct declaration_slot *slot = &ctx->declarations[at];
    if (!slot->used) {
        slot->used = true;
        slot->declaration = declaration;
        slot->hash = hash;
        ctx->declaration_count++;
    }
    return slot;
}

/* Name and declaration key of a call, reference or member: the name is the
 * referenced declaration's, so it is asked once per declaration. */
static void set_reference(struct extract_context *ctx, struct fact_node *node, CXCursor cursor)
{
    CXCursor referenced = clang_getCursorReferenced(cursor);
    if (clang_Cursor_isNull(referenced)) {
        node->decl_key = 0;
        node->name = cursor_name(ctx, cursor);
        if (node->kind == NODE_MEMBER)
            node->member_offset = -1;
        return;
    }
    struct declaration_slot *slot = declaration_slot(ctx, referenced);
    if (!slot->key)
        slot->key = decl_key_of(ctx, referenced);
    node->decl_key = slot->key;
    if (!slot->name) {
        const char *name = cursor_name(ctx, cursor);
        slot->name = name ? name : "";   /* "": asked, none (NULL on the node, as before) */
    }
    node->name = *slot->name ? slot->name : NULL;
    if (node->kind == NODE_MEMBER) {
        if (!slot->has_field_offset) {
            long long bits = clang_Cursor_getOffsetOfField(referenced);
            slot->field_offset = bits >= 0 && bits % 8 == 0 ? bits / 8 : -1;
            slot->has_field_offset = true;
        }
        node->member_offset = slot->field_offset;
    }
}

static void set_operator(struct extract_context *ctx, struct fact_node *node, CXCursor cursor)
{
    CXString spelling;
    if (node->kind == NODE_UNARY) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(cursor);
        node->is_postfix = op == CXUnaryOperator_PostInc || op == CXUnaryOperator_PostDec;
        spelling = clang_getUnaryOperatorKindSpelling(op);
    } else {
        spelling = clang_getBinaryOperatorKindSpelling(clang_getCursorBinaryOperatorKind(cursor));
    }
    node->op = arena_strdup(&ctx->facts->arena, clang_getCString(spelling));
    clang_disposeString(spelling);
}

/* sizeof(TYPE) has a type reference child (or none for builtin types). */
static void fill_sizeof(struct extract_context *ctx, struct fact_node *node, CXCursor cursor,
                        const struct child_list *children)
{
    node->is_alignof = node->text && (strncmp(node->text, "_Alignof", 8) == 0 ||
                                      strncmp(node->text, "__alignof", 9) == 0 ||
                                      strncmp(node->text, "alignof", 7) == 0);
    (void)cursor;
    for (unsigned i = 0; i < children->count; i++) {
        enum CXCursorKind kind = clang_getCursorKind(children->items[i]);
        if (kind == CXCursor_TypeRef) {
            fill_type(ctx, &node->operand_type, clang_getCursorType(children->items[i]));
            return;
        }
    }
}

static struct fact_node *build_children_into(struct extract_context *ctx, struct fact_node *node,
                                             const struct child_list *children, unsigned guarded_depth)
{
    reserve_children(ctx, node, children->count);
    for (unsigned i = 0; i < children->count; i++) {
        if (is_reference_cursor(clang_getCursorKind(children->items[i])))
            continue;
        add_child(node, build_node(ctx, children->items[i], guarded_depth));
    }
    return node;
}

static void check_single_token_range(struct extract_context *ctx, const struct fact_node *node, CXCursor cursor)
{
    struct fact_node slow = {0};
    set_source_range(ctx, &slow, cursor);
    if (slow.offset != node->offset || slow.end_offset != node->end_offset || slow.line != node->line ||
        slow.column != node->column || slow.end_line != node->end_line || slow.end_column != node->end_column ||
        slow.macro || !slow.file || strcmp(slow.file, node->file))
        shortcut_failed("the range of a one-token expression");
}

static struct fact_node *build_node(struct extract_context *ctx, CXCursor cursor, unsigned guarded_depth)
{
    enum CXCursorKind cx_kind = clang_getCursorKind(cursor);
    struct fact_node *node = NULL;
    bool has_range = false;
    /* A name or a number written as one token: its range without asking
     * libclang, and (in C, where a name has no template arguments) no
     * children to visit. */
    if (cx_kind == CXCursor_DeclRefExpr || cx_kind == CXCursor_IntegerLiteral) {
        node = arena_alloc(&ctx->facts->arena, sizeof *node);
        node->kind = node_kind_for(cx_kind);
        if (node->kind == NODE_DECL_REF)
            set_reference(ctx, node, cursor);
        has_range = set_single_token_range(ctx, node, cursor);
        if (has_range && ctx->check_shortcuts)
            check_single_token_range(ctx, node, cursor);
    }
    struct child_list children = {NULL, 0, 0};
    if (!is_leaf_kind(cx_kind) && !has_range)
        clang_visitChildren(cursor, collect_child, &children);

    /* Implicit conversions are noise for every rule: fold them away. */
    if (cx_kind == CXCursor_UnexposedExpr && children.count == 1 &&
        !is_reference_cursor(clang_getCursorKind(children.items[0]))) {
        CXCursor only = children.items[0];
        free(children.items);
        return build_node(ctx, only, guarded_depth);
    }

    if (!node) {
        node = arena_alloc(&ctx->facts->arena, sizeof *node);
        node->kind = node_kind_for(cx_kind);
    }
    node->guarded_depth = guarded_depth;
    if (!has_range)
        set_source_range(ctx, node, cursor);
    if (is_expression_kind(node->kind) || node->kind == NODE_VAR_DECL || node->kind == NODE_OTHER)
        fill_type(ctx, &node->type, clang_getCursorType(cursor));
    if (node->type.type_class == TYPE_OTHER && clang_getCursorType(cursor).kind == CXType_Dependent)
        node->is_invalid = true;
    if (clang_isInvalidDeclaration(cursor))
        node->is_invalid = true;

    switch (node->kind) {
    case NODE_DECL_REF:
        break;   /* set above */
    case NODE_CALL:
    case NODE_MEMBER:
        set_reference(ctx, node, cursor);
        break;
    case NODE_VAR_DECL:
    case NODE_LABEL:
    case NODE_GOTO:
        node->name = cursor_name(ctx, cursor);
        node->decl_key = node->kind == NODE_VAR_DECL ? decl_key_of(ctx, cursor)
                                                     : decl_key_of(ctx, clang_getCursorReferenced(cursor));
        break;
    case NODE_UNARY:
    case NODE_BINARY:
        set_operator(ctx, node, cursor);
        break;
    case NODE_SIZEOF:
        fill_sizeof(ctx, node, cursor, &children);
        break;
    default:
        break;
    }

    if (node->kind == NODE_CALL) {
        /* Callee first, then the arguments clang reports (robust to macros). */
        int argument_count = clang_Cursor_getNumArguments(cursor);
        reserve_children(ctx, node, 1 + (unsigned)(argument_count > 0 ? argument_count : 0));
        for (unsigned i = 0; i < children.count; i++) {
            if (!is_reference_cursor(clang_getCursorKind(children.items[i]))) {
                add_child(node, build_node(ctx, children.items[i], guarded_depth));
                break;
            }
        }
        for (int i = 0; i < argument_count; i++)
            add_child(node, build_node(ctx, clang_Cursor_getArgument(cursor, (unsigned)i), guarded_depth));
    } else if (node->kind == NODE_TRY) {
        /* The body is guarded only when the handler is an __except. */
        bool has_except = false;
        reserve_children(ctx, node, children.count);
        for (unsigned i = 0; i < children.count; i++)
            has_except |= clang_getCursorKind(children.items[i]) == CXCursor_SEHExceptStmt;
        for (unsigned i = 0; i < children.count; i++) {
            bool is_body = clang_getCursorKind(children.items[i]) == CXCursor_CompoundStmt && i == 0;
            add_child(node, build_node(ctx, children.items[i],
                                            guarded_depth + (is_body && has_except ? 1 : 0)));
        }
    } else {
        build_children_into(ctx, node, &children, guarded_depth);
    }
    if (node->kind == NODE_MEMBER) {
        const struct fact_node *base = fact_child(node, 0);
        node->is_arrow = base && base->type.type_class == TYPE_POINTER;
    }
    free(children.items);
    evaluate(node, cursor);
    return node;
}

/* ---- functions ---------------------------------------------------------- */

static bool has_kernel_entry_marker(struct extract_context *ctx, CXCursor function)
{
    /* __kernel_entry expands to nothing in the shims, so look at the text
     * of the declaration before the function name. */
    CXSourceRange extent = clang_getCursorExtent(function);
    CXFile file;
    unsigned begin, name_offset;
    clang_getFileLocation(clang_getRangeStart(extent), &file, NULL, NULL, &begin);
    clang_getFileLocation(clang_getCursorLocation(function), NULL, NULL, NULL, &name_offset);
    if (!file || name_offset <= begin)
        return false;
    const struct fact_file *fact_file = file_for(ctx, file);
    if (name_offset > fact_file->size)
        return false;
    /* Also look back a little: the marker may precede the return type's line. */
    unsigned start = begin > 64 ? begin - 64 : 0;
    char *head = xstrndup(fact_file->contents + start, name_offset - start);
    bool found = strstr(head, "__kernel_entry") || strstr(head, "_Kernel_entry_");
    free(head);
    return found;
}

static void add_function(struct extract_context *ctx, CXCursor cursor)
{
    struct facts *facts = ctx->facts;
    struct fact_function *function = arena_alloc(&facts->arena, sizeof *function);
    function->name = cursor_name(ctx, cursor);
    function->decl_key = decl_key_of(ctx, clang_getCanonicalCursor(cursor));
    CXFile file;
    clang_getFileLocation(clang_getCursorLocation(cursor), &file, &function->line, &function->column, NULL);
    function->file = file ? file_for(ctx, file)->path : facts->main_file;
    function->is_kernel_entry = has_kernel_entry_marker(ctx, cursor);

    int param_count = clang_Cursor_getNumArguments(cursor);
    if (param_count > 0) {
        function->params = arena_alloc(&facts->arena, (unsigned)param_count * sizeof *function->params);
        for (int i = 0; i < param_count; i++) {
            CXCursor param = clang_Cursor_getArgument(cursor, (unsigned)i);
            struct fact_node *node = arena_alloc(&facts->arena, sizeof *node);
            node->kind = NODE_VAR_DECL;
            node->name = cursor_name(ctx, param);
            node->decl_key = decl_key_of(ctx, param);
            set_source_range(ctx, node, param);
            fill_type(ctx, &node->type, clang_getCursorType(param));
            function->params[i] = node;
        }
        function->param_count = (unsigned)param_count;
    }

    struct child_list children = {NULL, 0, 0};
    clang_visitChildren(cursor, collect_child, &children);
    for (unsigned i = 0; i < children.count; i++)
        if (clang_getCursorKind(children.items[i]) == CXCursor_CompoundStmt)
            function->body = build_node(ctx, children.items[i], 0);
    free(children.items);

    struct fact_function **grown =
        arena_alloc(&facts->arena, (facts->function_count + 1) * sizeof *grown);
    if (facts->function_count)
        memcpy(grown, facts->functions, facts->function_count * sizeof *grown);
    grown[facts->function_count++] = function;
    facts->functions = grown;
}

static enum CXChildVisitResult visit_top_level(CXCursor cursor, CXCursor parent, CXClientData data)
{
    (void)parent;
    struct extract_context *ctx = data;
    enum CXCursorKind kind = clang_getCursorKind(cursor);
    if (kind == CXCursor_TypedefDecl) {
        record_names_remember(&ctx->record_names, cursor);
        return CXChildVisit_Continue;
    }
    /* C++: functions inside namespaces and extern "C" blocks. */
    if (record_names_is_container(kind))
        return CXChildVisit_Recurse;
    if (kind == CXCursor_FunctionDecl && clang_isCursorDefinition(cursor) &&
        !clang_Location_isInSystemHeader(clang_getCursorLocation(cursor)))
        add_function(ctx, cursor);
    return CXChildVisit_Continue;
}

void facts_extract(CXTranslationUnit unit, const char *display_path, const struct record_names *inherited_names,
                   struct facts *facts)
{
    struct extract_context ctx = {0};
    ctx.unit = unit;
    ctx.facts = facts;
    ctx.display_path = display_path;
    record_names_init(&ctx.record_names, &facts->arena, inherited_names);
    const char *check = getenv("UMALINT_CHECK_SHORTCUTS");
    ctx.check_shortcuts = check && *check && strcmp(check, "0") != 0;
    CXString spelling = clang_getTranslationUnitSpelling(unit);
    ctx.main_file = clang_getFile(unit, clang_getCString(spelling));
    clang_disposeString(spelling);
    ctx.macro_locations = xcalloc(MACRO_LOCATION_SLOTS, sizeof *ctx.macro_locations);
    if (ctx.main_file)
        file_for(&ctx, ctx.main_file);
    clang_visitChildren(clang_getTranslationUnitCursor(unit), visit_top_level, &ctx);
    for (unsigned i = 0; i < ctx.file_count; i++)
        free(ctx.line_tables[i].starts);
    free(ctx.cx_files);
    free(ctx.fact_files);
    free(ctx.line_tables);
    record_names_free(&ctx.record_names);
    free(ctx.spellings);
    free(ctx.declarations);
    free(ctx.macro_locations);
}
