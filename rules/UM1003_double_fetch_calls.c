/* UM1003 double-fetch across a call to a helper of the same file.
 *
 * Two shapes, each the harmful one only (a read that feeds a check, then
 * a read of the same field that feeds a copy length, allocation size,
 * index, pointer or loop bound), one call deep:
 *
 *   - the caller checks, the helper re-reads: the caller reads In->Length
 *     for a check and passes In (or &In->Hdr) to a helper whose first read
 *     of the field feeds a size. Reported at the call.
 *   - the helper checks, the caller re-reads: ValidateRequest(In) reads
 *     In->Length for a check, and the caller reads In->Length again for a
 *     size after the call. Reported at the caller's read (unless the caller
 *     read the field itself before: the in-function check reports that).
 *
 * No fix: the checked value (or a kernel copy) has to be handed across
 * the call, which changes the helper's signature. */
#include <stdlib.h>
#include <string.h>

#include "rules/UM1003_double_fetch.h"
#include "tool/strbuf.h"

/* The caller-relative path of a helper's read: the argument's designator
 * inside its root ("", ".Hdr") joined with the read's path ("*",
 * "->Length"); NULL for shapes not composed here (elements, offsets). */
static char *compose_path(const char *prefix, const char *path)
{
    if (!*prefix)
        return xstrdup(path);
    if (prefix[0] != '.' || strpbrk(prefix, "[@"))
        return NULL;
    if (strcmp(path, "*") == 0)
        return xasprintf("->%s", prefix + 1);
    if (strncmp(path, "->", 2) == 0)
        return xasprintf("->%s.%s", prefix + 1, path + 2);
    return NULL;
}

static bool is_harmful(const struct um_access *access)
{
    return (access->uses & DOUBLE_FETCH_HARMFUL_LATER) || double_fetch_in_loop_condition(access->node);
}

static const char *harm_words(const struct um_access *access)
{
    return access->uses & DOUBLE_FETCH_HARMFUL_LATER ? double_fetch_use_words(access->uses) : "a loop bound";
}

/* Is there a read of `root` before `access` (same function and file) whose
 * path overlaps? */
static bool read_before(const struct user_memory *memory, unsigned root, const struct um_access *access)
{
    for (unsigned i = 0; i < memory->access_count; i++) {
        const struct um_access *other = &memory->accesses[i];
        if (other != access && other->root == root && other->function == access->function &&
            double_fetch_is_fetch(other) && other->node->file == access->node->file &&
            other->node->offset < access->node->offset && um_paths_overlap(other->path, access->path))
            return true;
    }
    return false;
}

/* What a helper does with its parameter root: its first read that is
 * harmful (nothing read before it on the same path), and its first read
 * that checks. */
struct helper_reads {
    const struct um_access *harmful_first;
    const struct um_access *checking;
};

static struct helper_reads helper_reads_of(const struct user_memory *memory, unsigned root)
{
    struct helper_reads reads = {NULL, NULL};
    for (unsigned i = 0; i < memory->access_count; i++) {
        const struct um_access *access = &memory->accesses[i];
        if (access->root != root || !double_fetch_is_fetch(access))
            continue;
        if (!reads.checking && (access->uses & DOUBLE_FETCH_CHECKING_FIRST))
            reads.checking = access;
        if (!reads.harmful_first && is_harmful(access) && !read_before(memory, root, access))
            reads.harmful_first = access;
    }
    return reads;
}

/* How the caller wrote the location: "Request->Length" for a dereference
 * or for ReadULongFromUser(&Request->Length), else root and path. */
static char *caller_location(const struct user_memory *memory, const struct um_access *access, const char *path)
{
    const struct fact_node *pointer = fact_strip(access->pointer);
    if (access->kind == UM_ACCESS_DEREF && access->node->text)
        return xstrdup(access->node->text);
    if (pointer && pointer->text && pointer->text[0] == '&')
        return xstrdup(pointer->text + 1);
    const char *name = memory->roots[access->root].name;
    return strcmp(path, "*") == 0 ? xasprintf("*%s", name) : xasprintf("%s%s", name, path);
}

struct call_scan {
    struct rule_context *context;
    const struct fact_function *caller;
    const struct fact_function *helper;
    unsigned parameter;            /* the parameter the helper's root is */
    struct helper_reads reads;
};

/* The caller checked before the call; the helper's first read is harmful. */
static void caller_checks_helper_uses(struct call_scan *scan, const struct fact_node *call, unsigned root,
                                      const char *path)
{
    const struct user_memory *memory = scan->context->user_memory;
    const struct um_access *checked = NULL;
    for (unsigned i = 0; i < memory->access_count && !checked; i++) {
        const struct um_access *earlier = &memory->accesses[i];
        if (earlier->function == scan->caller && earlier->root == root && double_fetch_is_fetch(earlier) &&
            (earlier->uses & DOUBLE_FETCH_CHECKING_FIRST) && earlier->node->file == call->file &&
            earlier->node->end_offset <= call->offset && um_paths_overlap(earlier->path, path) &&
            !double_fetch_mutually_exclusive(earlier->node, call))
            checked = earlier;
    }
    if (!checked)
        return;
    const char *helper = scan->helper->name;
    char *location = caller_location(memory, checked, path);
    char *message = xasprintf("double fetch across a call: %s reads user memory (%s) again, for %s, after this "
                              "function read it for %s; the value can change in between: read it once here and "
                              "pass the checked value (or a kernel copy) to %s",
                              helper, location, harm_words(scan->reads.harmful_first),
                              double_fetch_use_words(checked->uses), helper);
    struct finding *finding = rule_report(scan->context, call, SEVERITY_ERROR, message);
    rule_note(scan->context, finding, checked->node, "first fetched here");
    char *note = xasprintf("%s reads it again here", helper);
    rule_note(scan->context, finding, scan->reads.harmful_first->node, note);
    free(note);
    free(message);
    free(location);
}

/* The helper checked; the caller reads the field again after the call,
 * for a size. */
static void helper_checks_caller_uses(struct call_scan *scan, const struct fact_node *call, unsigned root,
                                      const char *path)
{
    const struct user_memory *memory = scan->context->user_memory;
    for (unsigned i = 0; i < memory->access_count; i++) {
        const struct um_access *later = &memory->accesses[i];
        if (later->function != scan->caller || later->root != root || !double_fetch_is_fetch(later) ||
            !is_harmful(later) || later->node->file != call->file || later->node->offset < call->end_offset ||
            !um_paths_overlap(later->path, path) || double_fetch_mutually_exclusive(later->node, call) ||
            read_before(memory, root, later))
            continue;
        const char *helper = scan->helper->name;
        char *location = caller_location(memory, later, later->path);
        char *message = xasprintf("double fetch across a call: '%s' reads user memory (%s) that %s already read "
                                  "for %s; the value can change in between and this read feeds %s: read it once "
                                  "and check the copy here, or pass the copy to %s",
                                  later->node->text, location, helper,
                                  double_fetch_use_words(scan->reads.checking->uses), harm_words(later), helper);
        struct finding *finding = rule_report(scan->context, later->node, SEVERITY_ERROR, message);
        char *note = xasprintf("%s reads it for %s here", helper, double_fetch_use_words(scan->reads.checking->uses));
        rule_note(scan->context, finding, call, "the helper is called here");
        rule_note(scan->context, finding, scan->reads.checking->node, note);
        free(note);
        free(message);
        free(location);
    }
}

static void visit_call(const struct fact_node *node, void *data)
{
    struct call_scan *scan = data;
    if (node->kind != NODE_CALL || !node->name || strcmp(node->name, scan->helper->name) != 0)
        return;
    const struct fact_node *argument = fact_call_arg(node, scan->parameter);
    unsigned root;
    const char *prefix;
    if (!argument || !um_user_pointer(scan->context->user_memory, scan->caller, argument, &root, &prefix))
        return;
    if (scan->reads.harmful_first) {
        char *path = compose_path(prefix, scan->reads.harmful_first->path);
        if (path)
            caller_checks_helper_uses(scan, node, root, path);
        free(path);
    }
    if (scan->reads.checking) {
        char *path = compose_path(prefix, scan->reads.checking->path);
        if (path)
            helper_checks_caller_uses(scan, node, root, path);
        free(path);
    }
}

void double_fetch_across_calls(struct rule_context *context)
{
    const struct user_memory *memory = context->user_memory;
    const struct facts *facts = context->facts;
    for (unsigned r = 0; r < memory->root_count; r++) {
        const struct um_root *root = &memory->roots[r];
        /* A parameter root, whatever made it one (a caller's argument, or the
         * helper's own probe or accessor call on it). */
        if (root->kernel_only || !root->declaration || !root->function || !root->function->name)
            continue;
        unsigned parameter = root->function->param_count;
        for (unsigned i = 0; i < root->function->param_count; i++)
            if (root->function->params[i] == root->declaration)
                parameter = i;
        if (parameter == root->function->param_count)
            continue;
        struct call_scan scan = {context, NULL, root->function, parameter, helper_reads_of(memory, r)};
        if (!scan.reads.harmful_first && !scan.reads.checking)
            continue;
        for (unsigned f = 0; f < facts->function_count; f++) {
            scan.caller = facts->functions[f];
            if (scan.caller != root->function && scan.caller->body)
                fact_walk(scan.caller->body, visit_call, &scan);
        }
    }
}
