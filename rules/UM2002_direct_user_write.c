/* UM2002 direct-user-write: probed user memory written directly.
 *
 * `p->Status = s`, `*p = k`, `RtlCopyMemory(p, &k, n)`, `RtlZeroMemory(p, n)`
 * after a ProbeForWrite are plain stores into memory another thread (or the
 * memory manager) can change under us; the compiler may split, merge or
 * repeat them, and SMAP/PAN hardware only lets the accessors touch user
 * memory. The usermode_accessors.h writers do one volatile store and probe
 * by themselves: Write<T>ToUser, WriteStructToUser, CopyToUser,
 * ZeroUserMemory, FillUserMemory (whose order is (dst, length, fill), not
 * memset's (dst, fill, length)).
 *
 * Unprobed writes are UM1001's; this rule only modernises checked code. */
#include <stdlib.h>
#include <string.h>

#include "rules/accessor_names.h"
#include "rules/bulk_calls.h"
#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

static const struct fact_node *consumer_of(const struct fact_node *node, const struct fact_node **operand)
{
    const struct fact_node *parent = node->parent;
    while (parent && parent->kind == NODE_PAREN) {
        node = parent;
        parent = parent->parent;
    }
    *operand = node;
    return parent;
}

/* An expression whose value is thrown away: it is a whole statement. */
static bool is_statement_position(const struct fact_node *node)
{
    const struct fact_node *parent = node->parent;
    if (!parent)
        return false;
    switch (parent->kind) {
    case NODE_COMPOUND: case NODE_CASE: case NODE_DEFAULT: case NODE_LABEL:
        return true;
    case NODE_IF: case NODE_WHILE: case NODE_DO: case NODE_FOR:
        return fact_child(parent, 0) != node;
    default:
        return false;
    }
}

static bool is_lvalue_text(const struct fact_node *node)
{
    node = fact_strip(node);
    if (!node)
        return false;
    return node->kind == NODE_DECL_REF || node->kind == NODE_MEMBER || node->kind == NODE_SUBSCRIPT ||
           (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0);
}

static void report(struct rule_context *context, const struct um_access *access, const struct fact_node *at,
                   const char *message, const char *fix)
{
    struct finding *finding = rule_report(context, at, context->rule->severity, message);
    if (fix)
        rule_fix_replace(finding, at, fix);
    user_access_note_check(context, finding, access);
}

/* `p->f = v`, `*p = k`, `p->n += 1`, `p->n++`. */
static void report_store(struct rule_context *context, const struct um_access *access)
{
    const struct fact_node *target = access->node;
    if (target->type.type_class == TYPE_ARRAY)
        return;
    const struct fact_node *operand;
    const struct fact_node *consumer = consumer_of(target, &operand);
    if (!consumer)
        return;
    struct accessor_type accessor;
    bool typed = accessor_type_of(&target->type, &accessor);
    if (target->macro || consumer->macro) {
        /* Written inside a macro body: the source range is the invocation,
         * so no pasteable text; name the accessor family instead. */
        const char *macro = target->macro ? target->macro : consumer->macro;
        char *message = typed ? xasprintf("'%s' writes probed user memory with a plain store inside the macro %s; "
                                          "write that location with Write%sToUser instead",
                                          consumer->text, macro, accessor.token)
                              : xasprintf("'%s' writes probed user memory with a plain store inside the macro %s; "
                                          "use WriteStructToUser or CopyToUser instead",
                                          consumer->text, macro);
        report(context, access, consumer, message, NULL);
        free(message);
        return;
    }
    char *address = accessor_address_text(target, typed ? &accessor : NULL);
    char *suggestion = NULL, *message = NULL;
    bool fixable = false;
    const struct fact_node *at = consumer;
    if (consumer->kind == NODE_BINARY && consumer->op && strcmp(consumer->op, "=") == 0 &&
        fact_child(consumer, 0) == operand) {
        const struct fact_node *value = fact_child(consumer, 1);
        if (typed) {
            suggestion = accessor_write_text(accessor.token, address, value->text, NULL);
            fixable = is_statement_position(consumer) && !consumer->macro && !target->macro;
        } else if (target->type.type_class == TYPE_RECORD && is_lvalue_text(value)) {
            char *plain_address = accessor_address_text(target, NULL);
            const struct fact_node *bare = fact_strip(target);
            bool whole = bare->kind == NODE_UNARY && bare->op && strcmp(bare->op, "*") == 0;
            const char *alignment =
                whole ? bulk_probe_alignment_text(context->user_memory, access, fact_child(bare, 0)) : NULL;
            suggestion = alignment ? xasprintf("WriteStructToUserAligned(%s, &%s, %s)", plain_address,
                                               fact_strip(value)->text, alignment)
                                   : xasprintf("WriteStructToUser(%s, &%s)", plain_address, fact_strip(value)->text);
            free(plain_address);
            fixable = is_statement_position(consumer) && !consumer->macro && !target->macro;
        } else if (target->type.type_class == TYPE_RECORD) {
            suggestion = xasprintf("WriteStructToUser(%s, &Local) from a kernel local", address);
        } else {
            goto done;
        }
        message = xasprintf("'%s' writes probed user memory with a plain store; use %s", consumer->text,
                            suggestion);
    } else if (typed && ((consumer->kind == NODE_BINARY && consumer->op && strlen(consumer->op) >= 2 &&
                          consumer->op[strlen(consumer->op) - 1] == '=' && fact_child(consumer, 0) == operand &&
                          strcmp(consumer->op, "==") != 0 && strcmp(consumer->op, "!=") != 0 &&
                          strcmp(consumer->op, "<=") != 0 && strcmp(consumer->op, ">=") != 0) ||
                         (consumer->kind == NODE_UNARY && consumer->op &&
                          (strcmp(consumer->op, "++") == 0 || strcmp(consumer->op, "--") == 0)))) {
        /* Read-modify-write: two user accesses, not atomic either way. */
        char *read = accessor_read_text(accessor.token, address, NULL);
        suggestion = accessor_write_text(accessor.token, address, "NewValue", NULL);
        message = xasprintf("'%s' updates probed user memory in place with a plain read and a plain store; read it "
                            "once with %s, compute the new value in a local and store it with %s",
                            consumer->text, read, suggestion);
        free(read);
    } else {
        goto done;
    }
    report(context, access, at, message, fixable ? suggestion : NULL);
done:
    free(message);
    free(suggestion);
    free(address);
}

static bool is_zero_constant(const struct fact_node *node)
{
    node = fact_strip(node);
    return node && node->has_value && node->value == 0;
}

/* memcpy/RtlCopyMemory/RtlZeroMemory/memset/RtlFillMemory into user memory. */
static void report_library_write(struct rule_context *context, const struct um_access *access)
{
    struct bulk_call bulk;
    if (!bulk_call_parse(access->node, &bulk))
        return;
    const struct fact_node *call = access->node;
    const struct fact_node *destination = fact_call_arg(call, 0);
    if (access->pointer != destination)  /* the user pointer is the source: UM2001 */
        goto done;
    const char **a = (const char **)bulk.arguments;
    char *suggestion = NULL;
    switch (bulk.shape) {
    case BULK_COPY:
    case BULK_MOVE: {
        const struct fact_node *source = fact_call_arg(call, 1);
        unsigned root;
        const char *prefix;
        if (um_user_pointer(context->user_memory, access->function, source, &root, &prefix)) {
            suggestion = xasprintf("%s(%s, %s, %s)", bulk.shape == BULK_MOVE ? "MoveToUserFromUser" : "CopyToUserFromUser",
                                   a[0], a[1], a[2]);
            break;
        }
        const struct fact_node *object = bulk_addressed_record(source);
        const struct fact_node *length = fact_strip(bulk_call_length_node(&bulk));
        const char *alignment = bulk_probe_alignment_text(context->user_memory, access, destination);
        if (object && length && length->has_value && length->value == object->type.size) {
            char *user = bulk_struct_pointer_text(a[0], destination, object);
            suggestion = alignment ? xasprintf("WriteStructToUserAligned(%s, %s, %s)", user, a[1], alignment)
                                   : xasprintf("WriteStructToUser(%s, %s)", user, a[1]);
            free(user);
        } else {
            suggestion = alignment ? xasprintf("CopyToUserAligned(%s, %s, %s, %s)", a[0], a[1], a[2], alignment)
                                   : xasprintf("CopyToUser(%s, %s, %s)", a[0], a[1], a[2]);
        }
        break;
    }
    case BULK_ZERO:
        suggestion = xasprintf("ZeroUserMemory(%s, %s)", a[0], a[1]);
        break;
    case BULK_SET:
        suggestion = is_zero_constant(fact_call_arg(call, 1)) && !call->macro
                         ? xasprintf("ZeroUserMemory(%s, %s)", a[0], a[2])
                         : xasprintf("FillUserMemory(%s, %s, %s)", a[0], a[2], a[1]);
        break;
    case BULK_FILL:
        suggestion = xasprintf("FillUserMemory(%s, %s, %s)", a[0], a[1], a[2]);
        break;
    default:
        goto done;
    }
    char *message = xasprintf("%s writes probed user memory directly; use %s", bulk.api, suggestion);
    report(context, access, call, message, suggestion);
    free(message);
    free(suggestion);
done:
    bulk_call_free(&bulk);
}

static void check_access(struct rule_context *context, const struct um_access *access, void *data)
{
    (void)data;
    if (!access->probed || !access->is_write)
        return;
    if (access->kind == UM_ACCESS_DEREF || access->kind == UM_ACCESS_STRUCT_COPY)
        report_store(context, access);
    else if (access->kind == UM_ACCESS_LIBRARY)
        report_library_write(context, access);
}

void rule_direct_user_write(struct rule_context *context)
{
    user_access_for_each(context, check_access, NULL);
}
