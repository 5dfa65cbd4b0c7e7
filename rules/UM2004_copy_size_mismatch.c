/* UM2004 copy-size-mismatch: a copy between kernel and user memory whose
 * size does not belong to its kernel-side object.
 *
 * Three mistakes, all classic overflows or truncations of kernel memory:
 *   - sizeof of a pointer where the pointee was meant: sizeof(p),
 *     sizeof(PMY_REQUEST) with a MY_REQUEST destination (8 bytes copied);
 *   - sizeof of another type: CopyFromUser(&a, u, sizeof(B));
 *   - the destination is &ptr, the address of a pointer variable, with a
 *     size other than sizeof(ptr): the bytes land on the pointer and on
 *     whatever follows it on the stack (the documentation bug of the
 *     reference, section 4.1).
 * Checked on the accessor copies (CopyFromUser/CopyToUser and their
 * Aligned, Mode and NonTemporal forms) and on memcpy/memmove/RtlCopyMemory/
 * RtlMoveMemory whose one side was probed earlier in the function. The
 * suggestion is the right sizeof; the fix replaces the size argument. */
#include <stdlib.h>
#include <string.h>

#include "rules/call_shapes.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

struct size_problem {
    char *message;
    const struct fact_node *replace;   /* node whose range the fix replaces, or NULL */
    char *replacement;
    bool fix_is_safe;
};

static const char *kernel_side_word(const struct copy_call *copy)
{
    return copy->reads_user ? "destination" : "source";
}

/* The type the sizeof measures: its operand expression's, or the written type. */
static const struct fact_type *sizeof_operand_type(const struct fact_node *size)
{
    const struct fact_node *operand = fact_strip(fact_child(size, 0));
    if (operand)
        return &operand->type;
    return size->operand_type.spelling ? &size->operand_type : NULL;
}

static bool same_canonical(const char *a, const char *b)
{
    return shape_same_type(a, b);
}

/* The destination is `&ptr` with ptr a pointer variable or field. */
static bool check_address_of_pointer(const struct copy_call *copy, const struct fact_node *length,
                                     struct size_problem *problem)
{
    const struct fact_node *object = fact_strip(shape_address_of(copy->kernel));
    if (!object || object->type.type_class != TYPE_POINTER ||
        (object->kind != NODE_DECL_REF && object->kind != NODE_MEMBER))
        return false;
    /* A constant up to the pointer's size copies (part of) the pointer
     * value itself, e.g. a 32-bit handle from a WOW64 caller: fine, and no
     * other check applies. */
    if (length->has_value && length->value <= object->type.size)
        return true;
    const struct fact_node *address = fact_strip(copy->kernel);
    problem->message = xasprintf(
        "%s copies %s bytes %s '%s', the address of the pointer variable '%s' (%lld bytes), so the %s "
        "is the pointer itself and the stack after it; pass the pointer: '%s' instead of '%s'",
        copy->api, length->text, copy->reads_user ? "into" : "from", address->text, object->text,
        object->type.size, kernel_side_word(copy), object->text, address->text);
    problem->replace = address;
    problem->replacement = xstrdup(object->text);
    problem->fix_is_safe = false;   /* the meaning changes: the pointee is copied instead */
    return true;
}

/* sizeof(p) where p is one of the copy's own pointers: the pointee was meant. */
static bool check_sizeof_own_pointer(const struct copy_call *copy, const struct fact_node *size,
                                     struct size_problem *problem)
{
    const struct fact_node *operand = fact_strip(fact_child(size, 0));
    if (!operand || operand->type.type_class != TYPE_POINTER)
        return false;
    bool is_kernel = shape_same_expression(operand, copy->kernel);
    if (!is_kernel && !shape_same_expression(operand, copy->user))
        return false;
    long long pointee = operand->type.pointee_size;
    if (operand->type.pointee_class == TYPE_VOID || pointee <= 0 || pointee == operand->type.size)
        return false;
    if (pointee == 1) {
        /* A byte buffer: its length, not sizeof(*p), was meant; no fix. */
        problem->message = xasprintf(
            "%s copies %s, the size of the %spointer '%s' (%lld bytes), not of the buffer it points to; use the "
            "buffer's length",
            copy->api, size->text, is_kernel ? "" : "user ", operand->text, operand->type.size);
        return true;
    }
    char *right = shape_sizeof_pointee_text(operand);
    problem->message = xasprintf(
        "%s copies %s, the size of the %spointer '%s' (%lld bytes), not of the %s it points to (%lld bytes); "
        "use %s",
        copy->api, size->text, is_kernel ? "" : "user ", operand->text, operand->type.size,
        operand->type.pointee_spelling, pointee, right);
    problem->replace = size;
    problem->replacement = right;
    problem->fix_is_safe = true;
    return true;
}

/* sizeof(k.Header), sizeof(k.Items[0]): a deliberate part of the object. */
static bool measures_part_of(const struct fact_node *size, const struct fact_node *object)
{
    const struct fact_node *operand = fact_strip(fact_child(size, 0));
    while (operand && ((operand->kind == NODE_MEMBER && !operand->is_arrow) || operand->kind == NODE_SUBSCRIPT)) {
        operand = fact_strip(fact_child(operand, 0));
        if (shape_same_expression(operand, object))
            return true;
    }
    return false;
}

/* &Entries[0] with sizeof(Entries), &Local.Header with sizeof(Local): the
 * address of a first part with the size of the whole that contains it. */
static bool measures_container_of(const struct fact_type *measured, const struct fact_node *object)
{
    const struct fact_node *part = fact_strip(object);
    while (part && ((part->kind == NODE_MEMBER && !part->is_arrow) || part->kind == NODE_SUBSCRIPT)) {
        part = fact_strip(fact_child(part, 0));
        if (part && part->type.type_class != TYPE_POINTER && same_canonical(part->type.canonical, measured->canonical))
            return true;
    }
    return false;
}

/* The kernel side is &object: the size must be sizeof(object). */
static bool check_addressed_object(const struct copy_call *copy, const struct fact_node *size,
                                   struct size_problem *problem)
{
    const struct fact_node *object = shape_address_of(copy->kernel);
    if (!object)
        return false;
    const struct fact_type *type = &object->type;
    if (type->size <= 0 || (type->type_class != TYPE_RECORD && type->type_class != TYPE_INTEGER &&
                            type->type_class != TYPE_FLOAT))
        return false;
    const struct fact_type *measured = sizeof_operand_type(size);
    if (!measured)
        return false;
    const char *object_text = fact_strip(object)->text;
    const char *direction = copy->reads_user ? "into" : "from";
    char *what = NULL;
    if (measured->type_class == TYPE_POINTER && same_canonical(measured->pointee_canonical, type->canonical) &&
        size->value != type->size) {
        what = xasprintf("that is the size of a pointer (%lld bytes), but '%s' is %s (%lld bytes)", size->value,
                         object_text, type->spelling, type->size);
    } else if (size->value == type->size) {
        if (measured->type_class == TYPE_RECORD && type->type_class == TYPE_RECORD &&
            !same_canonical(measured->canonical, type->canonical))
            what = xasprintf("'%s' is %s, another structure; the sizes agree today (%lld bytes) but will not "
                             "when either type changes",
                             object_text, type->spelling, type->size);
    } else if (size->value > type->size) {
        what = xasprintf("'%s' is %s (%lld bytes), so the copy %s %lld bytes past its end", object_text,
                         type->spelling, type->size, copy->reads_user ? "writes" : "reads",
                         size->value - type->size);
    } else if (type->type_class == TYPE_RECORD) {
        /* A smaller size read through a pointer typed as that smaller
         * struct is a deliberate versioned copy (REQUEST_V1 into V2). */
        const struct fact_type *user = &fact_strip(copy->user)->type;
        if (!(user->type_class == TYPE_POINTER && same_canonical(user->pointee_canonical, measured->canonical)))
            what = xasprintf("'%s' is %s (%lld bytes), so only %lld of its bytes are copied", object_text,
                             type->spelling, type->size, size->value);
    }
    if (!what || measures_part_of(size, object) || measures_container_of(measured, object)) {
        free(what);
        return true;
    }
    char *right = shape_sizeof_object_text(fact_strip(object));
    problem->message = xasprintf("%s copies %s %s '%s': %s; use %s", copy->api, size->text, direction, object_text,
                                 what, right);
    free(what);
    problem->replace = size;
    problem->replacement = right;
    problem->fix_is_safe = true;
    return true;
}

/* The kernel side is a typed pointer p and the size is sizeof(PT) where PT
 * points to the same type: sizeof(*p) was meant. */
static bool check_pointer_type_size(const struct copy_call *copy, const struct fact_node *size,
                                    struct size_problem *problem)
{
    const struct fact_node *pointer = fact_strip(copy->kernel);
    const struct fact_type *type = &pointer->type;
    if (type->type_class != TYPE_POINTER || type->pointee_size <= 0 || type->pointee_class == TYPE_VOID)
        return false;
    const struct fact_type *measured = sizeof_operand_type(size);
    if (!measured || measured->type_class != TYPE_POINTER ||
        !same_canonical(measured->pointee_canonical, type->pointee_canonical) || size->value == type->pointee_size)
        return false;
    if (type->pointee_size == 1) {
        problem->message = xasprintf("%s copies %s, the size of a pointer (%lld bytes), %s the buffer '%s'; use the "
                                     "buffer's length",
                                     copy->api, size->text, size->value, copy->reads_user ? "into" : "from",
                                     pointer->text);
        return true;
    }
    char *right = shape_sizeof_pointee_text(copy->kernel);
    problem->message = xasprintf(
        "%s copies %s, the size of a pointer (%lld bytes), %s '%s', which points to %s (%lld bytes); use %s",
        copy->api, size->text, size->value, copy->reads_user ? "into" : "from", pointer->text,
        type->pointee_spelling, type->pointee_size, right);
    problem->replace = size;
    problem->replacement = right;
    problem->fix_is_safe = true;
    return true;
}

static void check_call(const struct fact_node *node, const struct shape_function *index, void *data)
{
    struct rule_context *context = data;
    struct copy_call copy;
    if (node->kind != NODE_CALL || !copy_call_parse(node, index, &copy))
        return;
    const struct fact_node *length = fact_strip(copy.length);
    if (!length || length->is_invalid)
        return;
    struct size_problem problem = {0};
    if (!check_address_of_pointer(&copy, length, &problem) && length->kind == NODE_SIZEOF &&
        !length->is_alignof && length->has_value && !length->macro && length->text) {
        if (!check_sizeof_own_pointer(&copy, length, &problem) && !check_addressed_object(&copy, length, &problem))
            check_pointer_type_size(&copy, length, &problem);
    }
    if (!problem.message)
        return;
    struct finding *finding = rule_report(context, node, context->rule->severity, problem.message);
    if (problem.replace && !problem.replace->macro) {
        rule_fix_replace(finding, problem.replace, problem.replacement);
        finding->fix_is_safe = problem.fix_is_safe;
    }
    if (copy.probe)
        rule_note(context, finding, copy.probe, "the user pointer is probed here");
    free(problem.message);
    free(problem.replacement);
}

void rule_copy_size_mismatch(struct rule_context *context)
{
    shape_for_each_node(context, check_call, context);
}
