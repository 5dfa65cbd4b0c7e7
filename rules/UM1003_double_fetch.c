/* UM1003 double-fetch: the same user location read more than once.
 *
 * User memory can change between two reads: another thread of the caller
 * rewrites it. Code that checks a value in one read and uses it in another
 * (check `In->Length <= sizeof(Local)`, then copy `In->Length` bytes) can be
 * made to use a value that was never checked: the MS08-061 class of bugs.
 * The fix is to capture the value (or the whole struct) once into kernel
 * memory and use only the copy.
 *
 * A fetch is any read of user memory: a plain dereference, a struct copy,
 * memcpy-style copies and accessor calls (ReadULongFromUser twice is still
 * two fetches). Two fetches conflict when they are in the same function, on
 * the same root (aliases included) and their paths overlap (a field and the
 * whole struct overlap; two different fields do not).
 *
 * Graded: an error when an earlier fetch feeds a check, comparison or size
 * and the later one feeds a copy length, allocation, index, pointer or a
 * loop bound; a warning otherwise (re-reads feeding only logging, or the
 * same kind of use). Not reported: fetches in different branches of one
 * if/switch/?:, disjoint bit tests (`Flags & 1` then `Flags & 2`), a struct
 * captured after a field check whose field is then overwritten with the
 * validated value, and kernel-only code.
 *
 * Where the shape allows it, the finding carries an unsafe fix that takes
 * one kernel copy and rewrites the reads to use it (UM1003_double_fetch_fix.c).
 * Across calls: UM1003_double_fetch_calls.c. */
#include <stdlib.h>
#include <string.h>

#include "rules/UM1003_double_fetch.h"
#include "rules/UM1003_double_fetch_fix.h"
#include "rules/accessor_names.h"
#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

bool double_fetch_is_fetch(const struct um_access *access)
{
    if (!access->is_read || !user_access_reachable(access))
        return false;
    return access->kind == UM_ACCESS_DEREF || access->kind == UM_ACCESS_STRUCT_COPY ||
           access->kind == UM_ACCESS_LIBRARY || access->kind == UM_ACCESS_ACCESSOR;
}

static bool is_ancestor(const struct fact_node *ancestor, const struct fact_node *node)
{
    for (; node; node = node->parent)
        if (node == ancestor)
            return true;
    return false;
}

/* The child of `ancestor` on the way down to `node`. */
static const struct fact_node *child_towards(const struct fact_node *ancestor, const struct fact_node *node)
{
    for (; node && node->parent; node = node->parent)
        if (node->parent == ancestor)
            return node;
    return NULL;
}

/* True when no single execution reaches both: different arms of an if, a
 * ?: or different case sections of a switch. */
bool double_fetch_mutually_exclusive(const struct fact_node *a, const struct fact_node *b)
{
    const struct fact_node *common = a;
    while (common && !is_ancestor(common, b))
        common = common->parent;
    if (!common)
        return false;
    const struct fact_node *arm_a = child_towards(common, a), *arm_b = child_towards(common, b);
    if (!arm_a || !arm_b || arm_a == arm_b)
        return false;
    if (common->kind == NODE_IF || common->kind == NODE_CONDITIONAL)
        return arm_a != fact_child(common, 0) && arm_b != fact_child(common, 0);
    if (common->kind == NODE_COMPOUND && common->parent && common->parent->kind == NODE_SWITCH) {
        bool between = false, inside = false;
        for (unsigned i = 0; i < common->child_count; i++) {
            const struct fact_node *child = common->children[i];
            if (child == arm_a || child == arm_b) {
                if (inside)
                    return between || child->kind == NODE_CASE || child->kind == NODE_DEFAULT;
                inside = true;
                continue;
            }
            if (inside && (child->kind == NODE_CASE || child->kind == NODE_DEFAULT))
                between = true;
        }
    }
    return false;
}

/* A loop condition re-reading a bound: for (i = 0; i < In->Count; i++). */
bool double_fetch_in_loop_condition(const struct fact_node *node)
{
    for (const struct fact_node *child = node, *parent = node->parent; parent; child = parent, parent = parent->parent) {
        if (parent->kind == NODE_FOR)
            return child != parent->children[parent->child_count - 1];
        if (parent->kind == NODE_WHILE)
            return child == fact_child(parent, 0);
        if (parent->kind == NODE_DO)
            return child == fact_child(parent, 1);
        if (parent->kind == NODE_COMPOUND || parent->kind == NODE_IF)
            return false;
    }
    return false;
}

/* The kernel struct a whole-struct fetch captures into ("Local"), or NULL. */
static char *capture_target(const struct um_access *access)
{
    const struct fact_node *node = access->node;
    if (access->kind == UM_ACCESS_LIBRARY || access->kind == UM_ACCESS_ACCESSOR) {
        const struct fact_node *destination = fact_strip(fact_call_arg(node, 0));
        if (destination && destination->kind == NODE_UNARY && destination->op && strcmp(destination->op, "&") == 0) {
            const struct fact_node *object = fact_strip(fact_child(destination, 0));
            if (object && object->kind == NODE_DECL_REF && object->name)
                return xstrdup(object->name);
        }
        return NULL;
    }
    if (access->kind == UM_ACCESS_STRUCT_COPY) {
        const struct fact_node *parent = node->parent;
        while (parent && parent->kind == NODE_PAREN)
            parent = parent->parent;
        if (parent && parent->kind == NODE_VAR_DECL && parent->name)
            return xstrdup(parent->name);
        if (parent && parent->kind == NODE_BINARY && parent->op && strcmp(parent->op, "=") == 0 &&
            fact_strip(fact_child(parent, 0)) && fact_strip(fact_child(parent, 0))->kind == NODE_DECL_REF)
            return xstrdup(fact_strip(fact_child(parent, 0))->name);
    }
    return NULL;
}

struct field_scan {
    const char *wanted;            /* "Local.Length" */
    unsigned after;                /* offset of the capture */
    const char *file;
    const struct user_memory *memory;
    const struct fact_function *function;
    bool overwritten;
    unsigned uses;
};

static void visit_field(const struct fact_node *node, void *data)
{
    struct field_scan *scan = data;
    if (node->kind != NODE_MEMBER || node->file != scan->file || node->offset < scan->after)
        return;
    char *text = rule_squeezed_text(node->text);
    bool match = strcmp(text, scan->wanted) == 0;
    free(text);
    if (!match)
        return;
    const struct fact_node *parent = node->parent;
    while (parent && parent->kind == NODE_PAREN)
        parent = parent->parent;
    if (parent && parent->kind == NODE_BINARY && parent->op && strcmp(parent->op, "=") == 0 &&
        fact_strip(fact_child(parent, 0)) == node) {
        scan->overwritten = true;
        return;
    }
    scan->uses |= um_value_uses(scan->memory, scan->function, node);
    /* The captured count bounds a loop that indexes with it. */
    if (double_fetch_in_loop_condition(node))
        scan->uses |= UM_USE_INDEX;
}

/* For a struct captured after a field fetch: how the captured field is used,
 * and whether the code overwrote it with the validated value. */
static void captured_field(struct rule_context *context, const struct um_access *capture, const char *field_path,
                           bool *overwritten, unsigned *uses)
{
    *overwritten = false;
    *uses = 0;
    char *target = capture_target(capture);
    if (!target || strncmp(field_path, "->", 2) != 0) {
        free(target);
        return;
    }
    char *wanted = xasprintf("%s.%s", target, field_path + 2);
    struct field_scan scan = {wanted, capture->node->end_offset, capture->node->file, context->user_memory,
                              capture->function, false, 0};
    fact_walk(capture->function->body, visit_field, &scan);
    *overwritten = scan.overwritten;
    *uses = scan.uses;
    free(wanted);
    free(target);
}

static bool disjoint_bits(const struct um_access *a, const struct um_access *b)
{
    return a->is_bitmask_test && b->is_bitmask_test && (a->bitmask & b->bitmask) == 0;
}

/* The struct type a user pointer points to, as written for TYPE_ALIGNMENT. */
static const char *pointee_record(const struct fact_node *pointer)
{
    pointer = pointer ? fact_strip(pointer) : NULL;
    if (!pointer || !pointer->text || pointer->type.type_class != TYPE_POINTER || !pointer->type.pointee_spelling ||
        pointer->type.pointee_class != TYPE_RECORD)
        return NULL;
    const char *type = pointer->type.pointee_spelling;
    if (strncmp(type, "const ", 6) == 0)
        type += 6;
    if (strncmp(type, "volatile ", 9) == 0)
        type += 9;
    return type;
}

/* How to read it once: the typed accessor into a local for a scalar, the
 * struct capture for a whole struct. */
static char *capture_suggestion(const struct um_access *first, const struct um_access *later)
{
    const struct um_access *whole = later->kind == UM_ACCESS_DEREF ? first : later;
    bool scalar_first = (first->kind == UM_ACCESS_DEREF && first->node->type.type_class != TYPE_RECORD) ||
                        (first->kind == UM_ACCESS_ACCESSOR && first->api && strncmp(first->api, "Read", 4) == 0 &&
                         !strstr(first->api, "Struct"));
    if (scalar_first && later->kind != UM_ACCESS_LIBRARY && later->kind != UM_ACCESS_STRUCT_COPY &&
        !(later->kind == UM_ACCESS_ACCESSOR && later->api && strstr(later->api, "Struct"))) {
        char *call = first->kind == UM_ACCESS_DEREF ? accessor_read_call(first->node, NULL) : xstrdup(first->node->text);
        if (call) {
            char *text = xasprintf("read it once with %s into a local and use only the local", call);
            free(call);
            return text;
        }
    }
    const struct fact_node *pointer = whole->pointer;
    const char *type = pointee_record(pointer);
    if (type)
        return xasprintf("capture the struct once with ReadStructFromUserAligned(&Local, %s, TYPE_ALIGNMENT(%s)), "
                         "then check and use only Local",
                         fact_strip(pointer)->text, type);
    return xstrdup("capture the value once into kernel memory and use only the copy");
}

const char *double_fetch_use_words(unsigned uses)
{
    if (uses & UM_USE_COPY_LENGTH) return "a copy length";
    if (uses & UM_USE_ALLOC_SIZE) return "an allocation size";
    if (uses & UM_USE_INDEX) return "an index";
    if (uses & UM_USE_POINTER) return "a pointer";
    if (uses & UM_USE_CONDITION) return "a check";
    if (uses & UM_USE_LOGGING) return "logging";
    return "data";
}

static void report(struct rule_context *context, const struct um_access *first, const struct um_access *later,
                   bool harmful, unsigned later_uses, bool loop_bound)
{
    const struct user_memory *memory = context->user_memory;
    const struct um_root *root = &memory->roots[later->root];
    const char *what = later->node->text;
    char *suggestion = capture_suggestion(first, later);
    /* The location relative to the root: "*Request" or "Request->Hdr.Length". */
    char *location = strcmp(later->path, "*") == 0 ? xasprintf("*%s", root->name)
                                                    : xasprintf("%s%s", root->name, later->path);
    char *message;
    if (harmful)
        message = xasprintf("double fetch: '%s' reads user memory (%s) that was already read for %s; the value "
                            "can change in between and this read feeds %s: %s",
                            what, location, double_fetch_use_words(first->uses),
                            loop_bound ? "a loop bound" : double_fetch_use_words(later_uses), suggestion);
    else
        message = xasprintf("'%s' reads user memory (%s) a second time; another thread can change it in "
                            "between, so the two reads may disagree: %s",
                            what, location, suggestion);
    struct finding *finding =
        rule_report(context, later->node, harmful ? SEVERITY_ERROR : SEVERITY_WARNING, message);
    rule_note(context, finding, first->node, "first fetched here");
    double_fetch_offer_fix(context, finding, later);
    free(message);
    free(location);
    free(suggestion);
}

static void check_later_fetch(struct rule_context *context, unsigned index)
{
    const struct user_memory *memory = context->user_memory;
    const struct um_access *later = &memory->accesses[index];
    const struct um_access *first = NULL, *checking = NULL;
    for (unsigned i = 0; i < memory->access_count; i++) {
        const struct um_access *earlier = &memory->accesses[i];
        if (earlier == later || !double_fetch_is_fetch(earlier) || earlier->function != later->function ||
            earlier->root != later->root || earlier->node->file != later->node->file ||
            earlier->node->offset >= later->node->offset || earlier->node == later->node)
            continue;
        /* An argument of the later access's own call (CopyFromUser(k, In, In->Length)). */
        if (earlier->node->offset >= later->node->offset && earlier->node->end_offset <= later->node->end_offset)
            continue;
        if (later->node->offset <= earlier->node->offset && earlier->node->end_offset <= later->node->end_offset)
            continue;
        if (!um_paths_overlap(earlier->path, later->path) || disjoint_bits(earlier, later) ||
            double_fetch_mutually_exclusive(earlier->node, later->node))
            continue;
        if (!first)
            first = earlier;
        if (!checking && (earlier->uses & DOUBLE_FETCH_CHECKING_FIRST))
            checking = earlier;
    }
    if (!first)
        return;
    unsigned later_uses = later->uses;
    /* A struct captured after a field was checked: look at how the captured
     * field is used, and accept the code overriding it with the checked value. */
    const struct um_access *field_fetch = checking ? checking : first;
    if ((later->kind == UM_ACCESS_LIBRARY || later->kind == UM_ACCESS_STRUCT_COPY ||
         (later->kind == UM_ACCESS_ACCESSOR && later->captured_into)) &&
        strncmp(field_fetch->path, "->", 2) == 0 && strlen(later->path) < strlen(field_fetch->path)) {
        bool overwritten;
        unsigned uses;
        captured_field(context, later, field_fetch->path, &overwritten, &uses);
        if (overwritten)
            return;
        later_uses |= uses;
    }
    bool loop_bound = double_fetch_in_loop_condition(later->node) && !(later_uses & DOUBLE_FETCH_HARMFUL_LATER);
    bool harmful = checking && ((later_uses & DOUBLE_FETCH_HARMFUL_LATER) || loop_bound);
    /* Without a known use on both sides (two bulk copies of one buffer into
     * different places) there is no check to contradict: stay quiet. */
    if (!harmful && (!first->uses || !later_uses))
        return;
    report(context, checking && harmful ? checking : first, later, harmful, later_uses, loop_bound);
}

void rule_double_fetch(struct rule_context *context)
{
    const struct user_memory *memory = context->user_memory;
    if (!memory)
        return;
    for (unsigned i = 0; i < memory->access_count; i++)
        if (double_fetch_is_fetch(&memory->accesses[i]))
            check_later_fetch(context, i);
    double_fetch_across_calls(context);
}
