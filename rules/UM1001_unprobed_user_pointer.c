/* UM1001 unprobed-user-pointer: user memory read or written with no probe
 * and no accessor on any path before it.
 *
 * A pointer that came from user mode (METHOD_NEITHER Type3InputBuffer,
 * Irp->UserBuffer, a __kernel_entry parameter, a pointer stored inside a
 * user or system buffer, ...) may point anywhere, including into kernel
 * memory. Dereferencing it without ProbeForRead/ProbeForWrite lets a caller
 * read or corrupt kernel memory. The usermode_accessors.h functions probe by
 * themselves, so the fix is to use the accessor for exactly that access.
 *
 * "Before" is source order inside the function (a probe on some path before
 * the access); a helper's parameter counts as probed when every caller in
 * the translation unit probes the pointer before the call. Kernel-only code
 * (requestor-mode guarded, internal IOCTL handlers) and the METHOD_BUFFERED
 * system buffer itself are not user memory and are never reported. */
#include <stdlib.h>
#include <string.h>

#include "rules/accessor_names.h"
#include "rules/bulk_calls.h"
#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

static const struct fact_node *consumer_of(const struct fact_node *node)
{
    const struct fact_node *parent = node->parent;
    while (parent && parent->kind == NODE_PAREN)
        parent = parent->parent;
    return parent;
}

/* The accessor call that replaces a plain read or write of `lvalue`. */
static char *dereference_suggestion(const struct um_access *access)
{
    const struct fact_node *lvalue = access->node;
    if (access->is_write && !access->is_read) {
        const struct fact_node *assignment = consumer_of(lvalue);
        const struct fact_node *value = assignment ? fact_child(assignment, 1) : NULL;
        if (lvalue->type.type_class == TYPE_RECORD) {
            char *address = accessor_address_text(lvalue, NULL);
            char *text = xasprintf("WriteStructToUser(%s, &%s)", address, value && value->text ? value->text : "Local");
            free(address);
            return text;
        }
        return accessor_write_call(lvalue, value && value->text ? value->text : "Value", NULL);
    }
    if (access->is_write)   /* p->Count++ and friends: read, then write */
        return accessor_read_call(lvalue, NULL);
    if (lvalue->type.type_class == TYPE_RECORD) {
        char *address = accessor_address_text(lvalue, NULL);
        const struct fact_node *consumer = consumer_of(lvalue);
        const char *target = consumer && consumer->kind == NODE_VAR_DECL && consumer->name ? consumer->name : "Local";
        char *text = xasprintf("ReadStructFromUser(&%s, %s)", target, address);
        free(address);
        return text;
    }
    return accessor_read_call(lvalue, NULL);
}

/* The accessor that replaces a memcpy-style call on user memory. */
static char *library_suggestion(const struct um_access *access)
{
    struct bulk_call bulk;
    if (!bulk_call_parse(access->node, &bulk))
        return NULL;
    char *text = NULL;
    char **a = bulk.arguments;
    switch (bulk.shape) {
    case BULK_COPY:
    case BULK_MOVE:
        if (bulk.argument_count >= 3)
            text = access->is_write ? xasprintf("CopyToUser(%s, %s, %s)", a[0], a[1], a[2])
                                    : xasprintf("CopyFromUser(%s, %s, %s)", a[0], a[1], a[2]);
        break;
    case BULK_ZERO:
        if (bulk.argument_count >= 2)
            text = xasprintf("ZeroUserMemory(%s, %s)", a[0], a[1]);
        break;
    case BULK_SET:
        if (bulk.argument_count >= 3)
            text = xasprintf("SetUserMemory(%s, %s, %s)", a[0], a[1], a[2]);
        break;
    case BULK_FILL:
        if (bulk.argument_count >= 3)
            text = xasprintf("FillUserMemory(%s, %s, %s)", a[0], a[1], a[2]);
        break;
    case BULK_STRLEN:
        text = xasprintf("StringLengthFromUser(%s)", a[0]);
        break;
    case BULK_WCSLEN:
        text = xasprintf("WideStringLengthFromUser(%s)", a[0]);
        break;
    case BULK_COMPARE:
        text = xstrdup("CopyFromUser into a kernel buffer first, then compare the copy");
        break;
    }
    bulk_call_free(&bulk);
    return text;
}

static void note_origin(struct rule_context *context, struct finding *finding, const struct um_access *access)
{
    const struct um_root *root = &context->user_memory->roots[access->root];
    const struct fact_node *where = root->origin_node ? root->origin_node : root->declaration;
    if (!where || !where->file || where == access->node)
        return;
    char *message = xasprintf("'%s' is a user pointer: %s", root->name, um_origin_name(root->origin));
    rule_note(context, finding, where, message);
    free(message);
}

static void report(struct rule_context *context, const struct um_access *access)
{
    const struct fact_node *node = access->node;
    bool library = access->kind == UM_ACCESS_LIBRARY;
    char *suggestion = library ? library_suggestion(access) : dereference_suggestion(access);
    const char *what = library ? access->api : node->text;
    const char *verb = access->is_write && !access->is_read ? "writes" : "reads";
    char *message;
    if (suggestion)
        message = xasprintf("'%s' %s user memory with no probe or accessor before it; use %s", what, verb,
                            suggestion);
    else
        message = xasprintf("'%s' %s user memory with no probe or accessor before it; probe it with %s "
                            "first or use a user-mode accessor",
                            what, verb, access->is_write ? "ProbeForWrite" : "ProbeForRead");
    struct finding *finding = rule_report(context, node, context->rule->severity, message);
    /* A plain scalar read or write becomes the accessor call; unsafe because
     * the access may still sit outside __try (UM1002). */
    if (suggestion && !library && node->type.type_class != TYPE_RECORD && !(access->is_read && access->is_write) &&
        !access->is_write) {
        rule_fix_replace(finding, node, suggestion);
        finding->fix_is_safe = false;
    }
    note_origin(context, finding, access);
    free(message);
    free(suggestion);
}

static void check_access(struct rule_context *context, const struct um_access *access, void *data)
{
    (void)data;
    if (!access->probed && (access->kind == UM_ACCESS_DEREF || access->kind == UM_ACCESS_STRUCT_COPY ||
                            access->kind == UM_ACCESS_LIBRARY))
        report(context, access);
}

void rule_unprobed_user_pointer(struct rule_context *context)
{
    user_access_for_each(context, check_access, NULL);
}
