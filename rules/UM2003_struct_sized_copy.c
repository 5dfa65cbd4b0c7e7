/* UM2003 struct-sized-copy: a fixed-size struct copied with a byte count.
 *
 * CopyFromUser(&Request, UserRequest, sizeof(Request)) works, but the size
 * is written by hand and can drift from the destination (a wrong sizeof is
 * the classic overflow). ReadStructFromUser(&Request, UserRequest) takes the
 * size from the kernel-side type and checks at compile time that both sides
 * have compatible types. The same holds for the CopyToUser mirror and the
 * ...Mode and ...Aligned variants. A size that does not match the struct is
 * not this rule's business (UM2004 reports it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/call_shapes.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

/* How one copy accessor maps onto its struct accessor. Argument positions
 * are those of the macro or function as the user writes it. */
struct struct_copy_form {
    const char *copy_name;       /* CopyFromUserAligned */
    const char *struct_name;     /* ReadStructFromUserAligned */
    bool reads_user;             /* kernel struct is the destination */
    int mode_argument;           /* index of the Mode argument, or -1 */
    int alignment_argument;      /* index of the Alignment argument, or -1 */
};

static const struct struct_copy_form struct_copy_forms[] = {
    {"CopyFromUser", "ReadStructFromUser", true, -1, -1},
    {"CopyFromUserAligned", "ReadStructFromUserAligned", true, -1, 3},
    {"CopyToUser", "WriteStructToUser", false, -1, -1},
    {"CopyToUserAligned", "WriteStructToUserAligned", false, -1, 3},
    {"CopyFromMode", "ReadStructFromMode", true, 3, -1},
    {"CopyFromModeAligned", "ReadStructFromModeAligned", true, 3, 4},
    {"CopyToMode", "WriteStructToMode", false, 3, -1},
    {"CopyToModeAligned", "WriteStructToModeAligned", false, 3, 4},
};

static const struct struct_copy_form *form_of(const struct fact_node *call)
{
    for (size_t i = 0; i < sizeof struct_copy_forms / sizeof struct_copy_forms[0]; i++)
        if (rule_call_is(call, struct_copy_forms[i].copy_name))
            return &struct_copy_forms[i];
    return NULL;
}

/* The kernel-side struct of a copy: `&object` of a struct or union type, or
 * a pointer to one (`Kernel` declared `SHARED_HEADER *`). */
struct kernel_struct {
    const char *text;        /* what the message names: "Request", "*Kernel" */
    const char *spelling;    /* type as written: "SET_CONFIG_REQUEST" */
    const char *canonical;   /* for comparing with the user pointer's pointee */
    long long size;
};

static bool find_kernel_struct(const struct fact_node *argument, struct kernel_struct *out)
{
    const struct fact_node *stripped = fact_strip(argument);
    if (!stripped)
        return false;
    if (stripped->kind == NODE_UNARY && stripped->op && strcmp(stripped->op, "&") == 0) {
        const struct fact_node *object = fact_child(stripped, 0);
        if (!object || object->type.type_class != TYPE_RECORD || object->type.size <= 0)
            return false;
        *out = (struct kernel_struct){object->text, object->type.spelling, object->type.canonical,
                                      object->type.size};
        return true;
    }
    const struct fact_type *type = &stripped->type;
    if (type->type_class == TYPE_POINTER && type->pointee_class == TYPE_RECORD && type->pointee_size > 0 &&
        (stripped->kind == NODE_DECL_REF || stripped->kind == NODE_MEMBER)) {
        *out = (struct kernel_struct){stripped->text, type->pointee_spelling, type->pointee_canonical,
                                      type->pointee_size};
        return true;
    }
    return false;
}

/* The user pointer as it must be written in the struct macro: the macros
 * check type compatibility, so a void or differently typed pointer needs a
 * cast to the struct's pointer type. The macros assign through the user
 * pointer, so the cast must not add const. */
static char *user_pointer_text(const char *written, const struct fact_node *user_argument,
                               const struct kernel_struct *object)
{
    const struct fact_node *stripped = fact_strip(user_argument);
    const struct fact_type *type = &stripped->type;
    bool same_type = type->type_class == TYPE_POINTER && type->pointee_canonical && object->canonical &&
                     strcmp(shape_unqualified(type->pointee_canonical), shape_unqualified(object->canonical)) == 0;
    if (same_type && stripped == user_argument)
        return xstrdup(written);
    if (same_type)
        return xstrdup(stripped->text);
    bool simple = stripped->kind == NODE_DECL_REF || stripped->kind == NODE_MEMBER;
    return xasprintf(simple ? "(%s *)%s" : "(%s *)(%s)", shape_unqualified(object->spelling), stripped->text);
}

static void check_call(const struct fact_node *call, const struct fact_function *function, void *data)
{
    (void)function;
    struct rule_context *context = data;
    if (call->kind != NODE_CALL || call->is_invalid)
        return;
    const struct struct_copy_form *form = form_of(call);
    if (!form)
        return;
    /* The written arguments: for macros (the ...Aligned forms) the node is
     * the expansion, so read the invocation text. */
    char *written[6] = {0};
    unsigned written_count = rule_invocation_arguments(call->text, written, 6);
    unsigned needed = 3 + (form->mode_argument >= 0) + (form->alignment_argument >= 0);
    if (written_count != needed || fact_call_arg_count(call) < 3)
        goto done;

    const struct fact_node *kernel_argument = fact_call_arg(call, form->reads_user ? 0 : 1);
    const struct fact_node *user_argument = fact_call_arg(call, form->reads_user ? 1 : 0);
    const struct fact_node *length = fact_strip(fact_call_arg(call, 2));
    struct kernel_struct object;
    if (!find_kernel_struct(kernel_argument, &object) || !length || length->kind != NODE_SIZEOF ||
        length->is_alignof || !length->has_value || length->value != object.size)
        goto done;

    const char *kernel_text = written[form->reads_user ? 0 : 1];
    char *user_text = user_pointer_text(written[form->reads_user ? 1 : 0], user_argument, &object);
    struct strbuf suggestion = STRBUF_INIT;
    strbuf_printf(&suggestion, "%s(", form->struct_name);
    if (form->reads_user)
        strbuf_printf(&suggestion, "%s, %s", kernel_text, user_text);
    else
        strbuf_printf(&suggestion, "%s, %s", user_text, kernel_text);
    if (form->mode_argument >= 0)
        strbuf_printf(&suggestion, ", %s", written[form->mode_argument]);
    if (form->alignment_argument >= 0)
        strbuf_printf(&suggestion, ", %s", written[form->alignment_argument]);
    strbuf_append(&suggestion, ")");

    char *message = xasprintf(
        "%s copies the struct '%s' (%s, %lld bytes) with a hand-written size; use %s, which takes the "
        "size from the kernel type and checks both types",
        form->copy_name, object.text, shape_unqualified(object.spelling), object.size, suggestion.data);
    struct finding *finding = rule_report(context, call, context->rule->severity, message);
    rule_fix_replace(finding, call, suggestion.data);
    free(message);
    free(user_text);
    strbuf_free(&suggestion);
done:
    rule_free_strings(written, written_count);
}

void rule_struct_sized_copy(struct rule_context *context)
{
    rule_for_each_node(context->facts, check_call, context);
}
