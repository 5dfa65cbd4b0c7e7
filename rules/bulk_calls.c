/* bulk_calls.c - recognising memcpy-style calls and reading their written
 * arguments, whether the API is a macro (RtlCopyMemory -> memcpy,
 * RtlZeroMemory -> memset with reordered arguments) or a function. */
#include <stdlib.h>
#include <string.h>

#include "rules/bulk_calls.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

struct bulk_form {
    const char *name;
    enum bulk_shape shape;
    unsigned arguments;
    int length_index, fill_index, source_index;
};

static const struct bulk_form bulk_forms[] = {
    {"RtlCopyMemory", BULK_COPY, 3, 2, -1, 1},
    {"RtlCopyBytes", BULK_COPY, 3, 2, -1, 1},
    {"memcpy", BULK_COPY, 3, 2, -1, 1},
    {"RtlMoveMemory", BULK_MOVE, 3, 2, -1, 1},
    {"memmove", BULK_MOVE, 3, 2, -1, 1},
    {"RtlZeroMemory", BULK_ZERO, 2, 1, -1, -1},
    {"RtlSecureZeroMemory", BULK_ZERO, 2, 1, -1, -1},
    {"memset", BULK_SET, 3, 2, 1, -1},
    {"RtlFillMemory", BULK_FILL, 3, 1, 2, -1},
    {"RtlEqualMemory", BULK_COMPARE, 3, 2, -1, 1},
    {"RtlCompareMemory", BULK_COMPARE, 3, 2, -1, 1},
    {"memcmp", BULK_COMPARE, 3, 2, -1, 1},
    {"strlen", BULK_STRLEN, 1, -1, -1, -1},
    {"wcslen", BULK_WCSLEN, 1, -1, -1, -1},
};

/* The C library function each shape expands to when written as a macro;
 * its IR argument order is then the library's. */
static bool is_library_callee(const char *name)
{
    return name && (strcmp(name, "memcpy") == 0 || strcmp(name, "memmove") == 0 || strcmp(name, "memset") == 0 ||
                    strcmp(name, "memcmp") == 0);
}

bool bulk_call_parse(const struct fact_node *call, struct bulk_call *bulk)
{
    memset(bulk, 0, sizeof *bulk);
    if (!call || call->kind != NODE_CALL || call->is_invalid)
        return false;
    const struct bulk_form *form = NULL;
    for (size_t i = 0; i < sizeof bulk_forms / sizeof bulk_forms[0] && !form; i++)
        if (rule_call_is(call, bulk_forms[i].name))
            form = &bulk_forms[i];
    if (!form)
        return false;
    if (call->macro) {
        bulk->argument_count = rule_invocation_arguments(call->text, bulk->arguments, 4);
    } else {
        unsigned count = fact_call_arg_count(call);
        for (unsigned i = 0; i < count && i < 4; i++) {
            const struct fact_node *argument = fact_call_arg(call, i);
            bulk->arguments[bulk->argument_count++] = xstrdup(argument && argument->text ? argument->text : "");
        }
    }
    if (bulk->argument_count != form->arguments) {
        bulk_call_free(bulk);
        return false;
    }
    bulk->call = call;
    bulk->api = form->name;
    bulk->shape = form->shape;
    bulk->length_index = form->length_index;
    bulk->fill_index = form->fill_index;
    bulk->source_index = form->source_index;
    return true;
}

void bulk_call_free(struct bulk_call *bulk)
{
    rule_free_strings(bulk->arguments, bulk->argument_count);
    bulk->argument_count = 0;
}

const struct fact_node *bulk_call_length_node(const struct bulk_call *bulk)
{
    if (bulk->length_index < 0)
        return NULL;
    /* RtlZeroMemory(d, n) written as a macro is memset(d, 0, n) in the IR. */
    unsigned index = bulk->call->macro && is_library_callee(bulk->call->name) ? 2u : (unsigned)bulk->length_index;
    return fact_call_arg(bulk->call, index);
}

const struct fact_node *bulk_addressed_record(const struct fact_node *argument)
{
    const struct fact_node *stripped = fact_strip(argument);
    if (!stripped || stripped->kind != NODE_UNARY || !stripped->op || strcmp(stripped->op, "&") != 0)
        return NULL;
    const struct fact_node *object = fact_strip(fact_child(stripped, 0));
    if (!object || object->type.type_class != TYPE_RECORD || object->type.size <= 0)
        return NULL;
    return object;
}

char *bulk_struct_pointer_text(const char *written, const struct fact_node *user_argument,
                               const struct fact_node *object)
{
    const struct fact_node *stripped = fact_strip(user_argument);
    const struct fact_type *type = &stripped->type;
    bool same_type = type->type_class == TYPE_POINTER && type->pointee_canonical && object->type.canonical &&
                     strcmp(type->pointee_canonical, object->type.canonical) == 0;
    if (same_type)
        return xstrdup(stripped == user_argument ? written : stripped->text);
    bool simple = stripped->kind == NODE_DECL_REF || stripped->kind == NODE_MEMBER;
    return xasprintf(simple ? "(%s *)%s" : "(%s *)(%s)", object->type.spelling, stripped->text);
}

bool bulk_node_within(const struct fact_node *node, const struct fact_node *outer)
{
    return node && outer && node->file && outer->file && strcmp(node->file, outer->file) == 0 &&
           node->offset >= outer->offset && node->end_offset <= outer->end_offset;
}

/* The alignment the earlier probe demanded of exactly this address, as
 * written ("TYPE_ALIGNMENT(MY_REQUEST)"), when it is more than 1: the
 * struct accessor then keeps that check in its ...Aligned form. NULL when
 * the probe did not check alignment or covered another address. */
const char *bulk_probe_alignment_text(const struct user_memory *memory, const struct um_access *access,
                                      const struct fact_node *user_pointer)
{
    const struct um_access *check = access->preceding_check;
    if (!check || check->kind != UM_ACCESS_PROBE || !check->node || check->node->kind != NODE_CALL)
        return NULL;
    const struct fact_node *alignment = fact_call_arg(check->node, 2);
    if (!alignment || !alignment->has_value || alignment->value <= 1 || !alignment->text)
        return NULL;
    unsigned root, probe_root;
    const char *prefix, *probe_prefix;
    if (!um_user_pointer(memory, access->function, user_pointer, &root, &prefix) ||
        !um_user_pointer(memory, check->function, fact_call_arg(check->node, 0), &probe_root,
                         &probe_prefix) ||
        root != probe_root || strcmp(prefix, probe_prefix) != 0)
        return NULL;
    return alignment->text;
}
