/* UM1003_double_fetch_fix.c - UM1003's fix: one kernel copy instead of
 * several reads of the same user object.
 *
 * For a pointer variable V (`PMY_REQUEST Req`, or `PULONG pLength`) whose
 * user object a function reads more than once, the fix
 *   - declares the copy at the top of the function body (`MY_REQUEST
 *     ReqCapture;`): C89 drivers need declarations first, and a copy
 *     declared there stays visible after the __try that fills it;
 *   - captures the object once, inside the __try, right before the
 *     statement holding the first read:
 *     `ReadStructFromUserAligned(&ReqCapture, Req, TYPE_ALIGNMENT(MY_REQUEST));`
 *     for a struct, `pLengthCapture = ReadULongFromUser(pLength);` for a
 *     scalar (the accessor named after the pointee's typedef);
 *   - rewrites every read through V into a read of the copy: `Req->F`,
 *     `(*Req).F`, `Req[0].F`, `*pLength`, `ReadULongFromUser(&Req->F)`, and
 *     an array field used as the source of a copy (`RtlCopyMemory(d,
 *     Req->Data, n)`, `CopyFromUser(d, Req->Data, n)`, which becomes
 *     RtlCopyMemory) when n provably fits the array: a constant, or a value
 *     the function compares against a constant that fits. A longer copy
 *     would read past the kernel copy where the original read user memory.
 * Nested pointers stay user pointers: `ReqCapture.Payload` is still the
 * user address the original code loaded, and UM2001 judges its uses.
 *
 * The fix is unsafe (--unsafe-fixes): the object is read once, whole and
 * up front, so a request whose buffer covers only the fields one path
 * reads can now fail, and the code sees one snapshot where it saw several.
 *
 * It is offered only when every use of V is understood: nothing is written
 * through V; V is never reassigned, passed on, stored or offset (an address
 * into user memory must stay one); every access to the object in the
 * function goes through V; every rewritten read is written out in the
 * source (not inside a macro body); and the capture point lies inside a
 * __try with an __except handler, ahead of all the reads, with no label a
 * goto could enter by. */
#include "rules/UM1003_double_fetch_fix.h"

#include <stdlib.h>
#include <string.h>

#include "rules/accessor_names.h"
#include "rules/call_shapes.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

struct capture_edit {
    unsigned offset, length;
    char *text;
};

struct capture {
    const struct user_memory *memory;
    const struct fact_function *function;
    const struct fact_file *file;     /* where the function's code is written */
    uint64_t key;                     /* the pointer variable V */
    const char *name;
    unsigned root;
    bool is_struct;                   /* else a scalar pointee */
    struct fact_type pointee;
    char *copy_name;                  /* "ReqCapture" */
    struct capture_edit *edits;
    unsigned edit_count;
    const struct fact_node **reads;   /* the rewritten reads: the capture goes before all of them */
    unsigned read_count;
    bool failed;
};

static const struct fact_node *strip_parens(const struct fact_node *node)
{
    while (node && node->kind == NODE_PAREN)
        node = fact_child(node, 0);
    return node;
}

/* The node's text is exactly the file's bytes at its range: written here,
 * not the invocation of a macro that expands to it. */
static bool written_here(const struct capture *capture, const struct fact_node *node)
{
    if (!node || node->is_invalid || !node->text || !node->file || strcmp(node->file, capture->file->path) != 0 ||
        node->end_offset < node->offset || node->end_offset > capture->file->size)
        return false;
    size_t length = node->end_offset - node->offset;
    return strlen(node->text) == length && memcmp(capture->file->contents + node->offset, node->text, length) == 0;
}

static bool is_variable(const struct capture *capture, const struct fact_node *node)
{
    node = strip_parens(node);
    return node && node->kind == NODE_DECL_REF && node->decl_key == capture->key && node->text &&
           strcmp(node->text, capture->name) == 0;
}

static void fail(struct capture *capture)
{
    capture->failed = true;
}

static void add_edit(struct capture *capture, unsigned offset, unsigned length, char *text)
{
    for (unsigned i = 0; i < capture->edit_count; i++) {
        const struct capture_edit *other = &capture->edits[i];
        if (offset < other->offset + other->length && other->offset < offset + length) {
            free(text);
            fail(capture);   /* two readings of one place: not a shape we understand */
            return;
        }
    }
    capture->edits = xrealloc(capture->edits, (capture->edit_count + 1) * sizeof *capture->edits);
    capture->edits[capture->edit_count++] = (struct capture_edit){offset, length, text};
}

static void add_node(const struct fact_node ***nodes, unsigned *count, const struct fact_node *node)
{
    *nodes = xrealloc(*nodes, (*count + 1) * sizeof **nodes);
    (*nodes)[(*count)++] = node;
}

/* ---- the reads ------------------------------------------------------------ */

/* The node of an lvalue chain that dereferences its base pointer: `Req->Hdr`
 * in `Req->Hdr.Length`, `Req->Data` in `Req->Data[i]`, `*p` in `(*p).F`. */
static const struct fact_node *dereference_of(const struct fact_node *lvalue)
{
    const struct fact_node *node = strip_parens(lvalue);
    while (node) {
        if (node->kind == NODE_MEMBER && !node->is_arrow) {
            node = strip_parens(fact_child(node, 0));
            continue;
        }
        if (node->kind == NODE_SUBSCRIPT) {
            const struct fact_node *base = strip_parens(fact_child(node, 0));
            if (base && base->type.type_class == TYPE_ARRAY) {
                node = base;
                continue;
            }
        }
        return node;
    }
    return NULL;
}

/* What the dereference of V becomes: `V->F` -> "VCapture.F", `*V` and
 * `V[0]` -> "VCapture"; NULL for anything else (another pointer, an
 * offset, a macro). */
static char *copy_text(const struct capture *capture, const struct fact_node *dereference)
{
    if (!written_here(capture, dereference) || !is_variable(capture, fact_child(dereference, 0)))
        return NULL;
    char *text = rule_squeezed_text(dereference->text), *expected = NULL, *result = NULL;
    if (dereference->kind == NODE_MEMBER && dereference->is_arrow && dereference->name) {
        expected = xasprintf("%s->%s", capture->name, dereference->name);
        result = xasprintf("%s.%s", capture->copy_name, dereference->name);
    } else if (dereference->kind == NODE_UNARY && dereference->op && strcmp(dereference->op, "*") == 0) {
        expected = xasprintf("*%s", capture->name);
        result = xstrdup(capture->copy_name);
    } else if (dereference->kind == NODE_SUBSCRIPT && fact_child(dereference, 1) &&
               fact_child(dereference, 1)->has_value && fact_child(dereference, 1)->value == 0) {
        expected = xasprintf("%s[0]", capture->name);
        result = xstrdup(capture->copy_name);
    }
    if (!expected || strcmp(text, expected) != 0) {
        free(result);
        result = NULL;
    }
    free(text);
    free(expected);
    return result;
}

static bool length_within(const struct capture *capture, const struct fact_node *length, long long limit);

/* `Index` in `Req->Items[Index]` is below `count`: the subscript sits in
 * the body of `for (...; Index < Bound; ...)` with Bound provably at most
 * count (see length_within). */
static bool loop_index_below(const struct capture *capture, const struct fact_node *subscript,
                             const struct fact_node *index, long long count)
{
    for (const struct fact_node *up = subscript->parent; up; up = up->parent) {
        if (up->kind != NODE_FOR)
            continue;
        for (unsigned i = 0; i + 1 < up->child_count; i++) {
            const struct fact_node *condition = fact_strip(up->children[i]);
            if (!condition || condition->kind != NODE_BINARY || !condition->op || strcmp(condition->op, "<") != 0)
                continue;
            const struct fact_node *variable = fact_strip(fact_child(condition, 0));
            if (variable && variable->kind == NODE_DECL_REF && variable->decl_key == index->decl_key &&
                length_within(capture, fact_child(condition, 1), count))
                return true;
        }
    }
    return false;
}

/* Every element an lvalue reads out of an array field lies inside the
 * array: read from the copy, an index past it would read past the copy
 * (kernel stack) where the original read user memory. A trailing
 * `Items[1]` (ANYSIZE_ARRAY) therefore only allows index 0. */
static bool indexes_within(const struct capture *capture, const struct fact_node *lvalue,
                           const struct fact_node *dereference)
{
    for (const struct fact_node *node = strip_parens(lvalue); node && node != dereference;
         node = strip_parens(fact_child(node, 0))) {
        if (node->kind != NODE_SUBSCRIPT)
            continue;
        const struct fact_node *base = strip_parens(fact_child(node, 0));
        const struct fact_node *index = fact_strip(fact_child(node, 1));
        if (!base || !index || base->type.size <= 0 || base->type.pointee_size <= 0)
            return false;
        long long count = base->type.size / base->type.pointee_size;
        if (index->has_value ? index->value < 0 || index->value >= count
                             : index->kind != NODE_DECL_REF || !loop_index_below(capture, node, index, count))
            return false;
    }
    return true;
}

/* The node the copy's name replaces: `(*V)` whole rather than `*V`, so
 * `(*V).F` becomes `VCapture.F`. */
static const struct fact_node *replaced_node(const struct capture *capture, const struct fact_node *dereference)
{
    const struct fact_node *node = dereference;
    if (dereference->kind == NODE_UNARY)
        while (node->parent && node->parent->kind == NODE_PAREN && written_here(capture, node->parent))
            node = node->parent;
    return node;
}

/* `Req->Hdr.Length` read in place: rewrite the dereference. */
static void rewrite_lvalue(struct capture *capture, const struct fact_node *lvalue)
{
    const struct fact_node *dereference = dereference_of(lvalue);
    char *text = dereference && indexes_within(capture, lvalue, dereference) ? copy_text(capture, dereference) : NULL;
    if (!text) {
        fail(capture);
        return;
    }
    const struct fact_node *replaced = replaced_node(capture, dereference);
    add_edit(capture, replaced->offset, replaced->end_offset - replaced->offset, text);
    add_node(&capture->reads, &capture->read_count, lvalue);
}

static bool is_typed_read_accessor(const char *name)
{
    size_t length = name ? strlen(name) : 0;
    return length > 12 && strncmp(name, "Read", 4) == 0 && strcmp(name + length - 8, "FromUser") == 0 &&
           !strstr(name, "Struct") && um_is_accessor_name(name);
}

/* `ReadULongFromUser(&Req->Length)` -> `ReqCapture.Length`;
 * `ReadULongFromUser(pLength)` -> `pLengthCapture`. */
static void rewrite_accessor_read(struct capture *capture, const struct um_access *access)
{
    const struct fact_node *call = access->node;
    if (call->kind != NODE_CALL || (call->macro && strcmp(call->macro, call->name) != 0) ||
        !written_here(capture, call)) {
        fail(capture);
        return;
    }
    const struct fact_node *address = fact_strip(fact_call_arg(call, 0));
    char *text = NULL;
    if (address && address->kind == NODE_UNARY && address->op && strcmp(address->op, "&") == 0) {
        const struct fact_node *lvalue = strip_parens(fact_child(address, 0));
        const struct fact_node *dereference = dereference_of(lvalue);
        char *replacement =
            dereference && indexes_within(capture, lvalue, dereference) ? copy_text(capture, dereference) : NULL;
        const struct fact_node *replaced = dereference ? replaced_node(capture, dereference) : NULL;
        if (replacement && written_here(capture, lvalue) && replaced->offset >= lvalue->offset &&
            replaced->end_offset <= lvalue->end_offset) {
            const char *contents = capture->file->contents;
            text = xasprintf("%.*s%s%.*s", (int)(replaced->offset - lvalue->offset), contents + lvalue->offset,
                             replacement, (int)(lvalue->end_offset - replaced->end_offset),
                             contents + replaced->end_offset);
        }
        free(replacement);
    } else if (!capture->is_struct && is_variable(capture, address)) {
        text = xstrdup(capture->copy_name);
    }
    if (!text) {
        fail(capture);
        return;
    }
    add_edit(capture, call->offset, call->end_offset - call->offset, text);
    add_node(&capture->reads, &capture->read_count, call);
}

static bool is_comparison(const char *op)
{
    return op && (strcmp(op, "<") == 0 || strcmp(op, "<=") == 0 || strcmp(op, ">") == 0 || strcmp(op, ">=") == 0);
}

/* The assignments of a local: one plain `=` (or initialiser) gives its
 * source; anything else (a second store, ++, +=, its address taken) makes
 * the value unknown. */
struct assignment_scan {
    uint64_t key;
    const struct fact_node *source;
    unsigned stores;
    bool unknown;
};

static bool is_store(const char *op)
{
    size_t length = op ? strlen(op) : 0;
    return length > 0 && op[length - 1] == '=' && strcmp(op, "==") != 0 && strcmp(op, "!=") != 0 &&
           strcmp(op, "<=") != 0 && strcmp(op, ">=") != 0;
}

static void visit_assignment(const struct fact_node *node, void *data)
{
    struct assignment_scan *scan = data;
    if (node->kind == NODE_VAR_DECL && node->decl_key == scan->key) {
        if (node->child_count > 0) {
            scan->source = fact_child(node, node->child_count - 1);
            scan->stores++;
        }
        return;
    }
    bool store = node->kind == NODE_BINARY && is_store(node->op);
    bool update = node->kind == NODE_UNARY && node->op &&
                  (strcmp(node->op, "&") == 0 || strstr(node->op, "++") || strstr(node->op, "--"));
    const struct fact_node *target = store || update ? fact_strip(fact_child(node, 0)) : NULL;
    if (!target || target->kind != NODE_DECL_REF || target->decl_key != scan->key)
        return;
    if (store && strcmp(node->op, "=") == 0) {
        scan->source = fact_child(node, 1);
        scan->stores++;
    } else {
        scan->unknown = true;
    }
}

/* The path of the object V points to that `value` reads, directly or
 * through a local assigned exactly once from such a read; NULL otherwise. */
static const char *read_path(const struct capture *capture, const struct fact_node *value, int depth)
{
    value = fact_strip(value);
    if (!value || depth > 2)
        return NULL;
    const struct um_access *access = um_access_at(capture->memory, value);
    if (access && access->function == capture->function && access->root == capture->root && access->is_read &&
        (access->kind == UM_ACCESS_DEREF || access->kind == UM_ACCESS_ACCESSOR))
        return access->path;
    if (value->kind == NODE_DECL_REF && value->decl_key && value->type.type_class == TYPE_INTEGER) {
        struct assignment_scan scan = {value->decl_key, NULL, 0, false};
        fact_walk(capture->function->body, visit_assignment, &scan);
        if (scan.stores == 1 && !scan.unknown && scan.source)
            return read_path(capture, scan.source, depth + 1);
    }
    return NULL;
}

struct bound_scan {
    const struct capture *capture;
    const char *path;
    long long limit;
    bool found;
};

static bool constant_within(const struct fact_node *node, long long limit)
{
    node = fact_strip(node);
    return node && node->has_value && node->value >= 0 && node->value <= limit;
}

static void visit_comparison(const struct fact_node *node, void *data)
{
    struct bound_scan *scan = data;
    if (scan->found || node->kind != NODE_BINARY || !is_comparison(node->op) || node->child_count != 2)
        return;
    for (unsigned side = 0; side < 2; side++) {
        const char *path = read_path(scan->capture, fact_child(node, side), 0);
        if (path && strcmp(path, scan->path) == 0 && constant_within(fact_child(node, 1 - side), scan->limit))
            scan->found = true;
    }
}

/* The copy length cannot exceed `limit` bytes: a constant that fits, or a
 * read of a field the function checks against a constant that fits (the
 * check the driver relies on for its destination). */
static bool length_within(const struct capture *capture, const struct fact_node *length, long long limit)
{
    if (!length)
        return false;
    if (fact_strip(length) && fact_strip(length)->has_value)
        return constant_within(length, limit);
    const char *path = read_path(capture, length, 0);
    if (!path)
        return false;
    struct bound_scan scan = {capture, path, limit, false};
    fact_walk(capture->function->body, visit_comparison, &scan);
    return scan.found;
}

static bool is_plain_copy(const char *name)
{
    static const char *const names[] = {"memcpy", "memmove", "RtlCopyMemory", "RtlMoveMemory", "CopyFromUser", NULL};
    for (unsigned i = 0; name && names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* `RtlCopyMemory(d, Req->Data, n)` with n within Data, or
 * `RtlCopyMemory(&Local, Req, n)` with n within the struct: copy from the
 * copy. */
static void rewrite_copy(struct capture *capture, const struct um_access *access)
{
    const struct fact_node *call = access->node;
    const char *name = rule_call_name(call);
    const struct fact_node *source = strip_parens(access->pointer);
    if (!capture->is_struct || !is_plain_copy(name) || access->pointer != fact_call_arg(call, 1) || !source) {
        fail(capture);
        return;
    }
    char *text = NULL;
    if (is_variable(capture, source) && written_here(capture, source) &&
        constant_within(fact_call_arg(call, 2), capture->pointee.size)) {
        text = xasprintf("&%s", capture->copy_name);
    } else if (source->kind == NODE_MEMBER && source->is_arrow && source->type.type_class == TYPE_ARRAY &&
               source->type.size > 0 && source->type.size > source->type.pointee_size &&
               length_within(capture, fact_call_arg(call, 2), source->type.size)) {
        text = copy_text(capture, source);
    }
    if (!text) {
        fail(capture);
        return;
    }
    if (strcmp(name, "CopyFromUser") == 0) {
        /* Kernel to kernel now: the accessor would refuse a kernel source. */
        if (call->macro || !written_here(capture, call) || strncmp(call->text, "CopyFromUser", 12) != 0) {
            free(text);
            fail(capture);
            return;
        }
        add_edit(capture, call->offset, 12, xstrdup("RtlCopyMemory"));
    }
    add_edit(capture, source->offset, source->end_offset - source->offset, text);
    add_node(&capture->reads, &capture->read_count, source);
}

/* The statement an accessor macro was written as (the do/while of
 * ReadStructFromUserAligned), or NULL. */
static const struct fact_node *macro_statement(const struct fact_node *node, const char *api)
{
    const struct fact_node *found = NULL;
    for (const struct fact_node *up = node; up; up = up->parent)
        if (up->macro && strcmp(up->macro, api) == 0)
            found = up;
    return found;
}

/* `ReadStructFromUserAligned(&Local, Req, TYPE_ALIGNMENT(T))` after an
 * earlier read: `Local = ReqCapture`. */
static void rewrite_struct_read(struct capture *capture, const struct um_access *access)
{
    const struct fact_node *statement = macro_statement(access->node, access->api);
    char *arguments[3] = {NULL, NULL, NULL};
    unsigned count = statement && written_here(capture, statement) && capture->is_struct
                         ? rule_invocation_arguments(statement->text, arguments, 3)
                         : 0;
    bool shape = count >= 2 && strncmp(statement->text, access->api, strlen(access->api)) == 0 &&
                 arguments[0][0] == '&' && strcmp(arguments[1], capture->name) == 0;
    for (const char *p = shape ? arguments[0] + 1 : ""; *p; p++)
        shape &= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
    const struct fact_node *reference = NULL;
    for (unsigned i = 0; shape && i < fact_call_arg_count(access->node); i++)
        if (is_variable(capture, fact_strip(fact_call_arg(access->node, i))))
            reference = strip_parens(fact_strip(fact_call_arg(access->node, i)));
    if (!shape || !reference || !access->captured_into) {
        rule_free_strings(arguments, count);
        fail(capture);
        return;
    }
    add_edit(capture, statement->offset, statement->end_offset - statement->offset,
             xasprintf("%s = %s", arguments[0] + 1, capture->copy_name));
    add_node(&capture->reads, &capture->read_count, statement);
    rule_free_strings(arguments, count);
}

static void rewrite_reads(struct capture *capture)
{
    const struct user_memory *memory = capture->memory;
    for (unsigned i = 0; i < memory->access_count && !capture->failed; i++) {
        const struct um_access *access = &memory->accesses[i];
        if (access->function != capture->function || access->root != capture->root)
            continue;
        if (!user_access_reachable(access) || access->is_write) {
            fail(capture);   /* written through V: a copy would go stale */
            continue;
        }
        switch (access->kind) {
        case UM_ACCESS_PROBE:
            break;   /* stays; its pointer argument is checked with the other uses */
        case UM_ACCESS_DEREF:
        case UM_ACCESS_STRUCT_COPY:
            rewrite_lvalue(capture, access->node);
            break;
        case UM_ACCESS_ACCESSOR:
            if (access->is_mode_api)
                fail(capture);
            else if (is_typed_read_accessor(access->api))
                rewrite_accessor_read(capture, access);
            else if (access->api && (strcmp(access->api, "ReadStructFromUser") == 0 ||
                                     strcmp(access->api, "ReadStructFromUserAligned") == 0))
                rewrite_struct_read(capture, access);
            else
                rewrite_copy(capture, access);
            break;
        case UM_ACCESS_LIBRARY:
            rewrite_copy(capture, access);
            break;
        }
    }
}

/* ---- the other uses of V ----------------------------------------------------- */

struct reference_scan {
    struct capture *capture;
};

/* The reference disappears with one of the rewrites (its text is replaced). */
static bool consumed(const struct capture *capture, const struct fact_node *node)
{
    if (!node->file || strcmp(node->file, capture->file->path) != 0)
        return false;
    for (unsigned i = 0; i < capture->edit_count; i++) {
        const struct capture_edit *edit = &capture->edits[i];
        if (edit->length > 0 && node->offset >= edit->offset && node->end_offset <= edit->offset + edit->length)
            return true;
    }
    return false;
}

/* A use of V that the rewrite can leave alone: unevaluated (sizeof), a
 * probe's pointer, or a null test. */
static bool harmless_reference(const struct fact_node *node)
{
    for (const struct fact_node *up = node->parent; up; up = up->parent)
        if (up->kind == NODE_SIZEOF)
            return true;
    const struct fact_node *child = node, *up = node->parent;
    while (up && (up->kind == NODE_PAREN || up->kind == NODE_CAST))
        child = up, up = up->parent;
    if (!up)
        return false;
    if (up->kind == NODE_CALL && fact_call_arg(up, 0) == child) {
        const char *name = rule_call_name(up);
        return name && (strcmp(name, "ProbeForRead") == 0 || strcmp(name, "ExProbeAlignment") == 0);
    }
    if (up->kind == NODE_UNARY && up->op && strcmp(up->op, "!") == 0)
        return true;
    if (up->kind == NODE_BINARY && up->op && (strcmp(up->op, "==") == 0 || strcmp(up->op, "!=") == 0)) {
        const struct fact_node *other = fact_strip(fact_child(up, fact_child(up, 0) == child ? 1 : 0));
        return other && other->has_value && other->value == 0;
    }
    if (up->kind == NODE_BINARY && up->op && (strcmp(up->op, "&&") == 0 || strcmp(up->op, "||") == 0))
        return true;
    if (up->kind == NODE_IF || up->kind == NODE_WHILE || up->kind == NODE_CONDITIONAL)
        return fact_child(up, 0) == child;
    return false;
}

static void visit_reference(const struct fact_node *node, void *data)
{
    struct capture *capture = data;
    if (capture->failed || node->kind != NODE_DECL_REF || node->decl_key != capture->key)
        return;
    if (!consumed(capture, node) && !harmless_reference(node))
        fail(capture);   /* reassigned, passed on, stored, offset: the user address must stay */
}

/* ---- where the copy is taken --------------------------------------------------- */

static bool is_ancestor(const struct fact_node *ancestor, const struct fact_node *node)
{
    for (; node; node = node->parent)
        if (node == ancestor)
            return true;
    return false;
}

static void find_label(const struct fact_node *node, void *data)
{
    if (node->kind == NODE_LABEL)
        *(bool *)data = true;
}

/* The statement the capture goes in front of: in the innermost block
 * holding every rewritten read, the one holding the first. NULL when that
 * is not inside a __try/__except, or a case or label could jump past it. */
static const struct fact_node *capture_point(const struct capture *capture)
{
    const struct fact_node *common = capture->reads[0], *first = capture->reads[0];
    for (unsigned i = 1; i < capture->read_count; i++) {
        while (common && !is_ancestor(common, capture->reads[i]))
            common = common->parent;
        if (capture->reads[i]->offset < first->offset)
            first = capture->reads[i];
    }
    while (common && common->kind != NODE_COMPOUND)
        common = common->parent;
    if (!common)
        return NULL;
    unsigned index = common->child_count;
    for (unsigned i = 0; i < common->child_count; i++)
        if (is_ancestor(common->children[i], first))
            index = i;
    if (index == common->child_count)
        return NULL;
    const struct fact_node *anchor = common->children[index];
    if (anchor->guarded_depth == 0 || !written_here(capture, anchor))
        return NULL;
    for (unsigned i = index; i < common->child_count; i++) {
        const struct fact_node *statement = common->children[i];
        bool label = false;
        fact_walk(statement, find_label, &label);
        if (label || statement->kind == NODE_CASE || statement->kind == NODE_DEFAULT)
            return NULL;
    }
    return anchor;
}

/* ---- the text ------------------------------------------------------------------- */

/* The blanks before `offset` on its line, or NULL when code precedes it. */
static char *indentation_at(const struct fact_file *file, unsigned offset)
{
    unsigned begin = offset;
    while (begin > 0 && file->contents[begin - 1] != '\n')
        begin--;
    for (unsigned i = begin; i < offset; i++)
        if (file->contents[i] != ' ' && file->contents[i] != '\t')
            return NULL;
    return xstrndup(file->contents + begin, offset - begin);
}

static const char *newline_of(const struct fact_file *file)
{
    const char *newline = memchr(file->contents, '\n', file->size);
    return newline && newline > file->contents && newline[-1] == '\r' ? "\r\n" : "\n";
}

/* `text` placed in front of the statement at `offset`, on a line of its
 * own when the statement starts its line. */
static char *before_statement(const struct fact_file *file, unsigned offset, const char *text)
{
    char *indent = indentation_at(file, offset);
    char *result = indent ? xasprintf("%s%s%s", text, newline_of(file), indent) : xasprintf("%s ", text);
    free(indent);
    return result;
}

static bool is_identifier_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static bool file_mentions(const struct fact_file *file, const char *word)
{
    size_t length = strlen(word);
    for (const char *at = file->contents; (at = strstr(at, word)) != NULL; at += length)
        if ((at == file->contents || !is_identifier_char(at[-1])) && !is_identifier_char(at[length]))
            return true;
    return false;
}

/* "ReqCapture", or "ReqCapture2"... when the file already uses the name. */
static char *free_copy_name(const struct fact_file *file, const char *variable)
{
    for (unsigned n = 1; n < 10; n++) {
        char *name = n == 1 ? xasprintf("%sCapture", variable) : xasprintf("%sCapture%u", variable, n);
        if (!file_mentions(file, name))
            return name;
        free(name);
    }
    return NULL;
}

/* A type name as a declaration needs it: qualifiers dropped; NULL for an
 * unnamed type. */
static char *declared_type(const char *spelling)
{
    if (!spelling)
        return NULL;
    spelling = shape_unqualified(spelling);
    if (!*spelling || strchr(spelling, '(') || strstr(spelling, "unnamed") || strstr(spelling, "anonymous") ||
        strstr(spelling, " const") || strstr(spelling, " volatile"))
        return NULL;
    return xstrdup(spelling);
}

static char *capture_statement(const struct capture *capture, const char *type)
{
    if (capture->is_struct)
        return xasprintf("ReadStructFromUserAligned(&%s, %s, TYPE_ALIGNMENT(%s));", capture->copy_name,
                         capture->name, type);
    struct accessor_type accessor;
    if (!accessor_type_of(&capture->pointee, &accessor))
        return NULL;
    char *address = accessor.needs_cast ? xasprintf("(%s *)%s", accessor.c_type, capture->name)
                                        : xstrdup(capture->name);
    char *call = accessor_read_text(accessor.token, address, NULL);
    char *statement = xasprintf("%s = %s;", capture->copy_name, call);
    free(call);
    free(address);
    return statement;
}

/* ---- putting it together -------------------------------------------------------- */

/* The pointer variable an access reads through: V in `V->F`, `*V`,
 * `&V->F`, `V->Data`, `V`. */
static const struct fact_node *pointer_variable(const struct fact_node *pointer)
{
    const struct fact_node *node = fact_strip(pointer);
    if (node && node->kind == NODE_UNARY && node->op && strcmp(node->op, "&") == 0)
        node = dereference_of(fact_child(node, 0));
    if (node && ((node->kind == NODE_MEMBER && node->is_arrow) ||
                 (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0) || node->kind == NODE_SUBSCRIPT))
        node = fact_child(node, 0);
    node = strip_parens(node);
    return node && node->kind == NODE_DECL_REF && node->decl_key && node->name ? node : NULL;
}

struct declaration_scan {
    uint64_t key;
    const struct fact_node *found;
};

static void find_declaration(const struct fact_node *node, void *data)
{
    struct declaration_scan *scan = data;
    if (!scan->found && node->kind == NODE_VAR_DECL && node->decl_key == scan->key)
        scan->found = node;
}

/* V's declaration in the function (a parameter or a local), or NULL. */
static const struct fact_node *variable_declaration(const struct fact_function *function, uint64_t key)
{
    for (unsigned i = 0; i < function->param_count; i++)
        if (function->params[i] && function->params[i]->decl_key == key)
            return function->params[i];
    struct declaration_scan scan = {key, NULL};
    fact_walk(function->body, find_declaration, &scan);
    return scan.found;
}

static bool describe_variable(struct capture *capture, const struct fact_node *reference)
{
    const struct fact_type *type = &reference->type;
    if (type->type_class != TYPE_POINTER || type->pointee_size <= 0 || !type->pointee_spelling)
        return false;
    capture->pointee = (struct fact_type){
        .spelling = type->pointee_spelling,
        .canonical = type->pointee_canonical,
        .type_class = type->pointee_class,
        .size = type->pointee_size,
        .align = type->pointee_align,
    };
    if (type->pointee_class == TYPE_RECORD) {
        capture->is_struct = true;
        return true;
    }
    struct accessor_type accessor;
    return (type->pointee_class == TYPE_INTEGER || type->pointee_class == TYPE_POINTER) &&
           accessor_type_of(&capture->pointee, &accessor);
}

static void free_capture(struct capture *capture)
{
    for (unsigned i = 0; i < capture->edit_count; i++)
        free(capture->edits[i].text);
    free(capture->edits);
    free(capture->reads);
    free(capture->copy_name);
}

void double_fetch_offer_fix(struct rule_context *context, struct finding *finding, const struct um_access *later)
{
    const struct fact_function *function = later->function;
    const struct fact_node *reference = pointer_variable(later->pointer);
    if (!function || !function->body || !reference || !later->node->file || later->kernel_only)
        return;
    const struct fact_file *file = facts_find_file(context->facts, later->node->file);
    const struct fact_node *declaration = variable_declaration(function, reference->decl_key);
    if (!file || !declaration || function->body->child_count == 0)
        return;
    struct capture capture = {
        .memory = context->user_memory,
        .function = function,
        .file = file,
        .key = reference->decl_key,
        .name = reference->name,
        .root = later->root,
    };
    char *type = NULL;
    struct accessor_type accessor;
    if (!describe_variable(&capture, reference) ||
        !(type = capture.is_struct || !accessor_type_of(&capture.pointee, &accessor) || accessor.needs_cast
                     ? declared_type(capture.pointee.spelling)
                     : xstrdup(accessor.c_type)) ||
        !(capture.copy_name = free_copy_name(file, capture.name))) {
        free(type);
        free_capture(&capture);
        return;
    }
    rewrite_reads(&capture);
    if (!capture.failed && capture.read_count > 1)
        fact_walk(function->body, visit_reference, &capture);
    const struct fact_node *anchor = !capture.failed && capture.read_count > 1 ? capture_point(&capture) : NULL;
    const struct fact_node *top = function->body->children[0];
    char *statement = anchor ? capture_statement(&capture, type) : NULL;
    /* The pointer must hold its value where the copy is taken. */
    if (statement && declaration->offset < anchor->offset && written_here(&capture, top)) {
        char *declare = xasprintf("%s %s;", type, capture.copy_name);
        char *declaration_text = before_statement(file, top->offset, declare);
        char *capture_text = before_statement(file, anchor->offset, statement);
        finding_add_fix(finding, file->path, top->offset, 0, declaration_text);
        finding_add_fix(finding, file->path, anchor->offset, 0, capture_text);
        for (unsigned i = 0; i < capture.edit_count; i++)
            finding_add_fix(finding, file->path, capture.edits[i].offset, capture.edits[i].length,
                            capture.edits[i].text);
        /* The object is read once, whole and up front. */
        finding->fix_is_safe = false;
        free(declare);
        free(declaration_text);
        free(capture_text);
    }
    free(statement);
    free(type);
    free_capture(&capture);
}
