/* UM2007 mode-accessor: code that serves both kernel and user callers and
 * spells the mode out by hand, or forgets it.
 *
 *   - `if (Mode != KernelMode) ProbeForRead(p, ...)` followed by a
 *     memcpy/RtlCopyMemory of p (or `k = *p`): the ...Mode accessors do
 *     exactly this in one call, volatile and with the kernel-pointer checks,
 *     so the hand-written branch is replaced by CopyFromMode(dst, p, n, Mode)
 *     (CopyToMode for a ProbeForWrite'd destination, ReadStructFromMode for
 *     a struct assignment).
 *   - a ...FromUser/...ToUser accessor in a function that also tests the
 *     requestor mode (Irp->RequestorMode, ExGetPreviousMode(), a
 *     KPROCESSOR_MODE variable) against KernelMode/UserMode, outside the
 *     branch reserved for user callers: a kernel caller's pointer makes the
 *     ...User accessor raise, so the ...Mode form is meant.
 * Severity note: both shapes work for user callers; they are modernisation
 * with a real edge case (kernel callers) behind it. */
#include <stdlib.h>
#include <string.h>

#include "rules/call_shapes.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

/* ---- mode tests ----------------------------------------------------------- */

static bool is_mode_operand(const struct fact_node *mode)
{
    if (!mode)
        return false;
    if (shape_is_mode_source(mode))
        return true;
    return mode->kind == NODE_DECL_REF && mode->type.spelling &&
           (strcmp(mode->type.spelling, "KPROCESSOR_MODE") == 0 || strcmp(mode->type.spelling, "MODE") == 0);
}

/* The requestor-mode test an if statement makes, or NULL. */
static const struct fact_node *if_mode_test(const struct fact_node *statement, bool *tests_user)
{
    if (statement->kind != NODE_IF || statement->macro)
        return NULL;   /* the Mode accessor macros' own tests are not hand-written */
    const struct fact_node *mode = shape_mode_test(fact_child(statement, 0), tests_user);
    return is_mode_operand(mode) ? mode : NULL;
}

static bool contains_kind(const struct fact_node *node, enum node_kind kind)
{
    if (!node)
        return false;
    if (node->kind == kind)
        return true;
    for (unsigned i = 0; i < node->child_count; i++)
        if (contains_kind(node->children[i], kind))
            return true;
    return false;
}

static bool contains_node(const struct fact_node *root, const struct fact_node *node)
{
    return root && shape_within(node, root);
}

/* The branch of a mode test that runs for user callers, or NULL. */
static const struct fact_node *user_branch(const struct fact_node *statement, bool tests_user)
{
    return fact_child(statement, tests_user ? 1 : 2);
}

/* ---- 1. hand-written branch around a probe ------------------------------ */

struct guarded_probe {
    const struct fact_node *statement;   /* the if */
    const struct fact_node *probe;       /* ProbeForRead/ProbeForWrite in its user branch */
    const struct fact_node *mode;
};

static bool find_guarded_probe(const struct shape_function *index, const struct fact_node *pointer,
                               const struct fact_node *before, struct guarded_probe *found)
{
    const struct fact_node *probe = shape_probe_before(index, pointer, before);
    if (!probe)
        return false;
    for (const struct fact_node *up = probe->parent; up; up = up->parent) {
        bool tests_user = false;
        const struct fact_node *mode = if_mode_test(up, &tests_user);
        if (mode && contains_node(user_branch(up, tests_user), probe) && shape_before(up, before)) {
            found->statement = up;
            found->probe = probe;
            found->mode = mode;
            return true;
        }
    }
    return false;
}

static void report_hand_written(struct rule_context *context, const struct fact_node *where,
                                const struct guarded_probe *guard, const char *written, const char *suggestion)
{
    char *message = xasprintf(
        "'%s' follows a hand-written 'if (%s)' around %s; %s does the mode check, the probe and a volatile copy "
        "in one call (keep it in __try/__except (UmaExceptionFilter(%s)))",
        written, fact_child(guard->statement, 0)->text, rule_call_name(guard->probe), suggestion, guard->mode->text);
    struct finding *finding = rule_report(context, where, context->rule->severity, message);
    rule_note(context, finding, guard->probe, "the probe made only for user callers");
    free(message);
}

static void check_library_copy(struct rule_context *context, const struct fact_node *call,
                               const struct shape_function *index)
{
    struct copy_call copy;
    if (!copy_call_parse(call, index, &copy) || !copy.is_library)
        return;
    struct guarded_probe guard;
    if (!find_guarded_probe(index, copy.user, call, &guard))
        return;
    char *written[3] = {0};
    unsigned count = shape_written_arguments(call, written, 3);
    if (count == 3) {
        char *suggestion = xasprintf("%s(%s, %s, %s, %s)", copy.reads_user ? "CopyFromMode" : "CopyToMode",
                                     written[0], written[1], written[2], guard.mode->text);
        report_hand_written(context, call, &guard, call->text, suggestion);
        free(suggestion);
    }
    rule_free_strings(written, count);
}

/* k = *p after the guarded probe of p. */
static void check_struct_assignment(struct rule_context *context, const struct fact_node *assignment,
                                    const struct shape_function *index)
{
    if (assignment->kind != NODE_BINARY || !assignment->op || strcmp(assignment->op, "=") != 0 || assignment->macro)
        return;
    const struct fact_node *target = fact_strip(fact_child(assignment, 0));
    const struct fact_node *value = fact_strip(fact_child(assignment, 1));
    if (!target || !value || value->kind != NODE_UNARY || !value->op || strcmp(value->op, "*") != 0 ||
        value->type.type_class != TYPE_RECORD)
        return;
    const struct fact_node *pointer = fact_strip(fact_child(value, 0));
    struct guarded_probe guard;
    if (!pointer || !find_guarded_probe(index, pointer, assignment, &guard))
        return;
    char *suggestion = xasprintf(shape_is_simple(target) ? "ReadStructFromMode(&%s, %s, %s)"
                                                         : "ReadStructFromMode(&(%s), %s, %s)",
                                 target->text, pointer->text, guard.mode->text);
    report_hand_written(context, assignment, &guard, assignment->text, suggestion);
    free(suggestion);
}

/* ---- 2. ...User accessors in code that serves kernel callers ------------ */

static bool has_suffix(const char *name, const char *suffix)
{
    size_t length = strlen(name), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(name + length - suffix_length, suffix) == 0;
}

/* The ...Mode accessor for a ...User one and where the Mode argument goes
 * (index among the written arguments; the count means "last"). */
static char *mode_form(const char *name, bool *before_last)
{
    static const char *const no_mode_form[] = {"CopyToUserFromUser", "MoveToUserFromUser", "CopyFromUserToMode",
                                               NULL};
    for (const char *const *excluded = no_mode_form; *excluded; excluded++)
        if (strcmp(name, *excluded) == 0)
            return NULL;
    if (strncmp(name, "Rtl", 3) == 0 || strstr(name, "Helper"))
        return NULL;
    *before_last = false;
    struct { const char *user, *mode; bool aligned; } suffixes[] = {
        {"FromUserAligned", "FromModeAligned", true}, {"ToUserAligned", "ToModeAligned", true},
        {"FromUserNonTemporal", "FromModeNonTemporal", false}, {"ToUserNonTemporal", "ToModeNonTemporal", false},
        {"FromUser", "FromMode", false}, {"ToUser", "ToMode", false}, {"UserMemory", "ModeMemory", false},
    };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        if (!has_suffix(name, suffixes[i].user))
            continue;
        size_t stem = strlen(name) - strlen(suffixes[i].user);
        *before_last = suffixes[i].aligned;
        return xasprintf("%.*s%s", (int)stem, name, suffixes[i].mode);
    }
    return NULL;   /* Acquire/Release forms have no Mode twin */
}

/* The accessor a node is written as: a plain call, or the outermost node
 * of a macro accessor's expansion (ReadStructFromUser, CopyFromUserAligned). */
static const char *accessor_written_as(const struct fact_node *node)
{
    if (node->macro) {
        if (node->parent && node->parent->macro && strcmp(node->parent->macro, node->macro) == 0 &&
            node->parent->offset == node->offset)
            return NULL;
        bool accessor = strstr(node->macro, "FromUser") || strstr(node->macro, "ToUser") ||
                        has_suffix(node->macro, "UserMemory");
        return accessor && (node->kind == NODE_DO || node->kind == NODE_CALL) ? node->macro : NULL;
    }
    if (node->kind != NODE_CALL || !node->name)
        return NULL;
    bool accessor = strstr(node->name, "FromUser") || strstr(node->name, "ToUser") ||
                    has_suffix(node->name, "UserMemory");
    return accessor ? node->name : NULL;
}

struct mode_scan {
    const struct fact_node *mode;          /* the first mode operand tested */
    const struct fact_node *test;
};

static void find_mode_test(const struct fact_node *node, struct mode_scan *scan)
{
    if (!node || scan->mode || node->macro)
        return;
    bool tests_user;
    const struct fact_node *mode = shape_mode_test(node, &tests_user);
    if (is_mode_operand(mode)) {
        scan->mode = mode;
        scan->test = node;
        return;
    }
    for (unsigned i = 0; i < node->child_count; i++)
        find_mode_test(node->children[i], scan);
}

/* True when only user callers reach `node`: inside the user branch of a mode
 * test, or after `if (Mode == KernelMode) { ... return; }`. */
static bool reached_by_user_callers_only(const struct node_list *mode_ifs, const struct fact_node *node)
{
    for (const struct fact_node *up = node->parent; up; up = up->parent) {
        bool tests_user = false;
        if (if_mode_test(up, &tests_user) && contains_node(user_branch(up, tests_user), node))
            return true;
    }
    for (unsigned i = 0; i < mode_ifs->count; i++) {
        const struct fact_node *statement = mode_ifs->items[i];
        bool tests_user = false;
        if (!if_mode_test(statement, &tests_user) || !shape_before(statement, node))
            continue;
        const struct fact_node *kernel_branch = fact_child(statement, tests_user ? 2 : 1);
        if (kernel_branch && (contains_kind(kernel_branch, NODE_RETURN) || contains_kind(kernel_branch, NODE_GOTO)))
            return true;
    }
    return false;
}

static void check_user_accessor(struct rule_context *context, const struct fact_node *node,
                                const struct node_list *mode_ifs, const struct mode_scan *scan)
{
    const char *name = accessor_written_as(node);
    if (!name || node->is_invalid)
        return;
    bool before_last = false;
    char *mode_name = mode_form(name, &before_last);
    if (!mode_name)
        return;
    char *written[6] = {0};
    unsigned count = 0;
    if (!reached_by_user_callers_only(mode_ifs, node))
        count = rule_invocation_arguments(node->text, written, 6);
    if (count == 0) {
        free(mode_name);
        return;
    }
    struct strbuf suggestion = STRBUF_INIT;
    strbuf_printf(&suggestion, "%s(", mode_name);
    for (unsigned i = 0; i < count; i++) {
        if (before_last && i == count - 1)
            strbuf_printf(&suggestion, ", %s", scan->mode->text);
        strbuf_printf(&suggestion, i ? ", %s" : "%s", written[i]);
    }
    if (!before_last)
        strbuf_printf(&suggestion, ", %s", scan->mode->text);
    strbuf_append(&suggestion, ")");
    char *message = xasprintf(
        "%s is used in code that also serves kernel callers (it tests %s); a kernel caller's pointer makes %s "
        "raise, so use %s",
        name, scan->test->text, name, suggestion.data);
    struct finding *finding = rule_report(context, node, context->rule->severity, message);
    rule_note(context, finding, scan->test, "the requestor-mode test");
    free(message);
    free(mode_name);
    strbuf_free(&suggestion);
    rule_free_strings(written, count);
}

/* ---- driver ------------------------------------------------------------- */

struct function_pass {
    struct rule_context *context;
    const struct shape_function *index;
    struct mode_scan scan;
    struct node_list mode_ifs;     /* hand-written if statements testing the mode */
};

static void collect_mode_ifs(const struct fact_node *node, struct node_list *mode_ifs)
{
    bool tests_user;
    if (if_mode_test(node, &tests_user))
        node_list_push(mode_ifs, node);
    for (unsigned i = 0; i < node->child_count; i++)
        collect_mode_ifs(node->children[i], mode_ifs);
}

static void visit(const struct fact_node *node, struct function_pass *pass)
{
    if (node->kind == NODE_CALL && !node->is_invalid)
        check_library_copy(pass->context, node, pass->index);
    if (node->kind == NODE_BINARY && !node->is_invalid)
        check_struct_assignment(pass->context, node, pass->index);
    if (pass->scan.mode)
        check_user_accessor(pass->context, node, &pass->mode_ifs, &pass->scan);
    for (unsigned i = 0; i < node->child_count; i++)
        visit(node->children[i], pass);
}

void rule_mode_accessor(struct rule_context *context)
{
    for (unsigned i = 0; i < context->facts->function_count; i++) {
        const struct fact_function *function = context->facts->functions[i];
        if (!function->body)
            continue;
        struct shape_function own;
        const struct shape_function *index = context->shapes ? shape_cache_get(context->shapes, i) : NULL;
        if (!index) {
            shape_function_index(function, context->user_memory, &own);
            index = &own;
        }
        struct function_pass pass = {context, index, {NULL, NULL}, {0}};
        find_mode_test(function->body, &pass.scan);
        if (pass.scan.mode)
            collect_mode_ifs(function->body, &pass.mode_ifs);
        visit(function->body, &pass);
        node_list_free(&pass.mode_ifs);
        if (index == &own)
            shape_function_free(&own);
    }
}
