/* UM2001 direct-user-read: probed user memory read by a plain dereference
 * or a memcpy-style copy.
 *
 * After ProbeForRead the code may legally touch the buffer inside __try,
 * but a plain `p->Length` is an ordinary load: the compiler may re-read it
 * (turning one fetch into two, the double-fetch bug), merge it, or move it,
 * and on SMAP/PAN hardware only the designated accessors may touch user
 * memory at all. The usermode_accessors.h functions do one volatile access
 * and probe by themselves. This rule names the exact accessor:
 * Read<T>FromUser for a scalar (T from the declared typedef),
 * ReadStructFromUser for a whole struct, CopyFromUser for other copies,
 * StringLengthFromUser for strlen.
 *
 * Unprobed reads are UM1001's; writes (including p->n++) are UM2002's. */
#include <stdlib.h>
#include <string.h>

#include "rules/accessor_names.h"
#include "rules/bulk_calls.h"
#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

/* Skips parentheses upwards: the node that consumes `node`'s value. */
static const struct fact_node *consumer_of(const struct fact_node *node)
{
    const struct fact_node *parent = node->parent;
    while (parent && parent->kind == NODE_PAREN) {
        node = parent;
        parent = parent->parent;
    }
    return parent;
}

static bool is_assignment(const struct fact_node *node)
{
    return node && node->kind == NODE_BINARY && node->op && strcmp(node->op, "=") == 0;
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
        return fact_child(parent, 0) != node;  /* a body, not the condition */
    default:
        return false;
    }
}

/* "ReadStructFromUser(&K, p)" or "ReadStructFromUserAligned(&K, p, A)". */
static char *struct_read_text(const char *destination, const char *source, const char *alignment)
{
    if (alignment)
        return xasprintf("ReadStructFromUserAligned(%s, %s, %s)", destination, source, alignment);
    return xasprintf("ReadStructFromUser(%s, %s)", destination, source);
}

/* `K = *p;` or `T K = *p;` with K a struct: ReadStructFromUser(&K, p). */
static void report_record_read(struct rule_context *context, const struct um_access *access)
{
    const struct fact_node *read = access->node;
    const struct fact_node *consumer = consumer_of(read);
    char *address = accessor_address_text(read, NULL);
    /* Only `*p` reads exactly the probed address; `p->Hdr` is inside it. */
    const struct fact_node *bare = fact_strip(read);
    bool whole = bare->kind == NODE_UNARY && bare->op && strcmp(bare->op, "*") == 0;
    const char *alignment =
        whole ? bulk_probe_alignment_text(context->user_memory, access, fact_child(bare, 0)) : NULL;
    struct finding *finding = NULL;
    if (is_assignment(consumer) && fact_strip(fact_child(consumer, 1)) == fact_strip(read)) {
        const struct fact_node *target = fact_child(consumer, 0);
        char *target_address = xasprintf("&%s", target->text);
        char *suggestion = struct_read_text(target_address, address, alignment);
        free(target_address);
        char *message = xasprintf("the struct '%s' is copied out of probed user memory by assignment; use %s, "
                                  "which reads it in one accessor call",
                                  read->text, suggestion);
        finding = rule_report(context, consumer, context->rule->severity, message);
        if (is_statement_position(consumer) && !consumer->macro && !read->macro)
            rule_fix_replace(finding, consumer, suggestion);
        free(message);
        free(suggestion);
    } else if (consumer && consumer->kind == NODE_VAR_DECL && consumer->name) {
        char *target_address = xasprintf("&%s", consumer->name);
        char *suggestion = struct_read_text(target_address, address, alignment);
        free(target_address);
        char *message = xasprintf("'%s' is initialised from probed user memory by a plain struct copy; declare it "
                                  "without the initialiser and capture it with %s",
                                  consumer->name, suggestion);
        finding = rule_report(context, read, context->rule->severity, message);
        free(message);
        free(suggestion);
    } else {
        char *message = xasprintf("the struct '%s' is read directly from probed user memory; capture it once with "
                                  "ReadStructFromUser(&Local, %s) and use the copy",
                                  read->text, address);
        finding = rule_report(context, read, context->rule->severity, message);
        free(message);
    }
    user_access_note_check(context, finding, access);
    free(address);
}

static void report_dereference(struct rule_context *context, const struct um_access *access)
{
    const struct fact_node *read = access->node;
    if (read->type.type_class == TYPE_ARRAY || read->type.type_class == TYPE_FUNCTION)
        return;  /* an array member decays to an address: nothing is read here */
    if (read->macro) {
        /* Written inside a macro body: the source range is the invocation,
         * so no pasteable text; name the accessor family instead. */
        const char *token = accessor_type_name(&read->type);
        char *message = token ? xasprintf("'%s' reads probed user memory with a plain dereference inside the "
                                          "macro %s; read that location with Read%sFromUser instead",
                                          read->text, read->macro, token)
                              : xasprintf("'%s' reads probed user memory with a plain dereference inside the "
                                          "macro %s; capture it with an accessor instead",
                                          read->text, read->macro);
        struct finding *finding = rule_report(context, read, context->rule->severity, message);
        user_access_note_check(context, finding, access);
        free(message);
        return;
    }
    char *suggestion = accessor_read_call(read, NULL);
    if (!suggestion) {
        if (read->type.type_class == TYPE_RECORD)
            report_record_read(context, access);
        return;
    }
    char *message = xasprintf("'%s' reads probed user memory with a plain dereference; use %s", read->text,
                              suggestion);
    struct finding *finding = rule_report(context, read, context->rule->severity, message);
    /* Inside a macro body the range is the whole invocation: no fix there. */
    if (!read->macro)
        rule_fix_replace(finding, read, suggestion);
    user_access_note_check(context, finding, access);
    free(message);
    free(suggestion);
}

/* memcpy/RtlCopyMemory/strlen/... with the user pointer as the source. */
static void report_library_read(struct rule_context *context, const struct fact_function *function,
                                const struct um_access *access)
{
    struct bulk_call bulk;
    if (!bulk_call_parse(access->node, &bulk))
        return;
    const struct fact_node *call = access->node;
    const struct fact_node *destination = fact_call_arg(call, 0);
    unsigned root;
    const char *prefix;
    char *suggestion = NULL;
    bool fixable = true;
    if (bulk.shape == BULK_COPY || bulk.shape == BULK_MOVE) {
        /* The user pointer must be the source, and the destination kernel
         * memory; user-to-user copies are UM2002's (CopyToUserFromUser). */
        if (access->pointer == destination ||
            um_user_pointer(context->user_memory, function, destination, &root, &prefix))
            goto done;
        const struct fact_node *object = bulk_addressed_record(destination);
        const struct fact_node *length = fact_strip(bulk_call_length_node(&bulk));
        if (object && length && length->has_value && length->value == object->type.size) {
            char *source = bulk_struct_pointer_text(bulk.arguments[1], fact_call_arg(call, 1), object);
            suggestion = struct_read_text(bulk.arguments[0], source,
                                          bulk_probe_alignment_text(context->user_memory, access, fact_call_arg(call, 1)));
            free(source);
        } else {
            const char *alignment = bulk_probe_alignment_text(context->user_memory, access, fact_call_arg(call, 1));
            suggestion = alignment ? xasprintf("CopyFromUserAligned(%s, %s, %s, %s)", bulk.arguments[0],
                                               bulk.arguments[1], bulk.arguments[2], alignment)
                                   : xasprintf("CopyFromUser(%s, %s, %s)", bulk.arguments[0], bulk.arguments[1],
                                               bulk.arguments[2]);
        }
    } else if (bulk.shape == BULK_STRLEN) {
        suggestion = xasprintf("StringLengthFromUser(%s)", bulk.arguments[0]);
    } else if (bulk.shape == BULK_WCSLEN) {
        suggestion = xasprintf("WideStringLengthFromUser(%s)", bulk.arguments[0]);
    } else if (bulk.shape == BULK_COMPARE) {
        suggestion = xstrdup("CopyFromUser into a kernel buffer first, then compare the copy");
        fixable = false;
    } else {
        goto done;  /* zero/fill write the user memory: UM2002 */
    }
    char *message = xasprintf("%s reads probed user memory directly; use %s", bulk.api, suggestion);
    struct finding *finding = rule_report(context, call, context->rule->severity, message);
    if (fixable)
        rule_fix_replace(finding, call, suggestion);
    user_access_note_check(context, finding, access);
    free(message);
done:
    free(suggestion);
    bulk_call_free(&bulk);
}

static void check_access(struct rule_context *context, const struct um_access *access, void *data)
{
    (void)data;
    if (!access->probed || !access->is_read || access->is_write)
        return;
    switch (access->kind) {
    case UM_ACCESS_DEREF:
    case UM_ACCESS_STRUCT_COPY:
        report_dereference(context, access);
        break;
    case UM_ACCESS_LIBRARY:
        report_library_read(context, access->function, access);
        break;
    default:
        break;
    }
}

void rule_direct_user_read(struct rule_context *context)
{
    user_access_for_each(context, check_access, NULL);
}
