/* UM1004 unaligned-user-access: user memory used as a type T whose
 * alignment nothing checks.
 *
 * Three shapes:
 *   - a probe whose (evaluated) alignment is below TYPE_ALIGNMENT(T),
 *     followed by an access to the probed pointer as T: p->Field, *p, p[i],
 *     or RtlCopyMemory(&k, p, ...) into a T. The kernel then reads a T at an
 *     address the caller chose; on x64 it works, on ARM64 and for
 *     interlocked operations it faults, and the caller was never told that
 *     its buffer is malformed (STATUS_DATATYPE_MISALIGNMENT).
 *   - CopyFromUser/CopyToUser (and the Mode forms) into or from a struct T
 *     whose alignment is above 1, with no aligned probe of the user pointer
 *     before: the Aligned forms (CopyFromUserAligned,
 *     ReadStructFromUserAligned, ...) check it in the same call.
 *   - an alignment argument (ProbeForRead, ProbeForWrite, ExProbeAlignment,
 *     the ...Aligned macros) that is not 1, 2, 4, 8, 16, TYPE_ALIGNMENT(T)
 *     or PROBE_ALIGNMENT(T): sizeof(T) of a struct, 3, 32, ...
 *
 * Policy with UM2003: CopyFromUser(&k, u, sizeof(k)) is UM2003's (use the
 * struct accessor) and also this rule's (no alignment check). Both suggest
 * ReadStructFromUserAligned(&k, u, TYPE_ALIGNMENT(T)) here, so applying
 * this rule's fix settles both. A copy whose sizeof does not match its
 * object is left to UM2004 first. */
#include <stdlib.h>
#include <string.h>

#include "rules/call_shapes.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

static bool is_valid_alignment_value(long long value)
{
    return value == 1 || value == 2 || value == 4 || value == 8 || value == 16;
}

static bool is_alignment_macro(const char *macro)
{
    return macro && (strcmp(macro, "TYPE_ALIGNMENT") == 0 || strcmp(macro, "PROBE_ALIGNMENT") == 0 ||
                     strcmp(macro, "PROBE_ALIGNMENT32") == 0);
}

/* "TYPE_ALIGNMENT(T)" for the type a pointer points to, or NULL when it has
 * no useful alignment (void, unknown, 1). Malloc'd. */
static char *type_alignment_for_pointee(const struct fact_type *pointer)
{
    if (pointer->type_class != TYPE_POINTER || pointer->pointee_class == TYPE_VOID || !pointer->pointee_spelling ||
        pointer->pointee_align <= 1)
        return NULL;
    return xasprintf("TYPE_ALIGNMENT(%s)", pointer->pointee_spelling);
}

/* ---- 1. alignment arguments --------------------------------------------- */

/* The written alignment below the parentheses and casts a macro adds, or
 * NULL when it is spelled with TYPE_ALIGNMENT/PROBE_ALIGNMENT/alignof. */
static const struct fact_node *written_alignment(const struct fact_node *argument)
{
    const struct fact_node *node = argument;
    while (node) {
        if (is_alignment_macro(node->macro) || (node->kind == NODE_SIZEOF && node->is_alignof))
            return NULL;
        if (node->kind != NODE_PAREN && node->kind != NODE_CAST)
            return node;
        node = fact_child(node, 0);
    }
    return NULL;
}

static void check_alignment_argument(struct rule_context *context, const struct fact_node *probe)
{
    const struct fact_node *argument = fact_call_arg(probe, 2);
    const struct fact_node *alignment = argument ? written_alignment(argument) : NULL;
    if (!alignment || alignment->is_invalid)
        return;
    const struct fact_node *pointer = fact_strip(fact_call_arg(probe, 0));
    const char *api = rule_call_name(probe);
    char *replacement = NULL;
    char *message = NULL;
    bool safe = false;
    if (alignment->kind == NODE_SIZEOF) {
        const struct fact_node *operand = fact_strip(fact_child(alignment, 0));
        const struct fact_type *type = operand ? &operand->type : &alignment->operand_type;
        bool aggregate = type->type_class == TYPE_RECORD || type->type_class == TYPE_ARRAY;
        if (!type->spelling || (!aggregate && alignment->has_value && is_valid_alignment_value(alignment->value)))
            return;
        replacement = xasprintf("TYPE_ALIGNMENT(%s)", type->spelling);
        message = xasprintf("%s uses %s (%lld) as the alignment; the size of %s is not its alignment (%lld)%s; "
                            "use %s",
                            api, alignment->text, alignment->value, type->spelling, type->align,
                            aggregate ? "" : " and is not a power of two up to 16", replacement);
        safe = true;
    } else if (alignment->has_value && !is_valid_alignment_value(alignment->value)) {
        replacement = pointer ? type_alignment_for_pointee(&pointer->type) : NULL;
        char *value = alignment->kind == NODE_INTEGER ? xstrdup(alignment->text)
                                                       : xasprintf("%s (%lld)", alignment->text, alignment->value);
        message = xasprintf("%s uses the alignment %s, which is not 1, 2, 4, 8 or 16, the only values the probe "
                            "accepts (checked builds assert them); use %s",
                            api, value, replacement ? replacement : "TYPE_ALIGNMENT(T) of the type the buffer holds");
        free(value);
    } else {
        return;
    }
    const struct fact_node *where = alignment->macro ? probe : alignment;
    struct finding *finding = rule_report(context, where, context->rule->severity, message);
    if (replacement && !alignment->macro) {
        rule_fix_replace(finding, alignment, replacement);
        finding->fix_is_safe = safe;
    }
    free(message);
    free(replacement);
}

/* ---- 2. a probe weaker than the type then accessed -------------------- */

struct typed_access {
    const struct fact_node *node;      /* the access */
    const struct fact_type *type;      /* the type it reads or writes */
    const struct fact_type *through;   /* the pointer type it goes through (a cast's), or NULL */
    const char *through_text;          /* that pointer expression as written: "(PHDR)Buffer" */
};

/* Parentheses only: the cast stays (it names the type read through). */
static const struct fact_node *fact_strip_parens(const struct fact_node *node)
{
    while (node && node->kind == NODE_PAREN && node->child_count == 1)
        node = node->children[0];
    return node;
}

/* True when the lvalue is only used for its address (&p->Field handed to
 * an accessor) or not evaluated at all (sizeof(p->Field)). */
static bool is_address_only(const struct fact_node *node)
{
    for (const struct fact_node *up = node->parent; up; node = up, up = up->parent) {
        if (up->kind == NODE_SIZEOF)
            return true;
        if (up->kind == NODE_UNARY && up->op && strcmp(up->op, "&") == 0)
            return true;
        bool same_object = up->kind == NODE_PAREN || (up->kind == NODE_MEMBER && !up->is_arrow) ||
                           (up->kind == NODE_SUBSCRIPT && fact_child(up, 0) == node &&
                            node->type.type_class == TYPE_ARRAY);
        if (!same_object)
            return false;
    }
    return false;
}

/* Is `node` an access to user memory as some type, through a pointer
 * variable? Sets the access and the pointer expression. */
static bool typed_access(const struct fact_node *node, const struct shape_function *index,
                         struct typed_access *access, const struct fact_node **pointer)
{
    const struct fact_node *base = NULL;
    if (node->kind == NODE_MEMBER && node->is_arrow)
        base = fact_child(node, 0);
    else if (node->kind == NODE_UNARY && node->op && strcmp(node->op, "*") == 0)
        base = fact_child(node, 0);
    else if (node->kind == NODE_SUBSCRIPT)
        base = fact_child(node, 0);
    if (base) {
        /* Casts of the pointer count: ((PHDR)Buffer)->Field reads a HDR
         * field; a cast to bytes has alignment 1 and is never reported. */
        const struct fact_node *variable = fact_strip(base);
        if (!variable || variable->kind != NODE_DECL_REF || node->type.align <= 1 || is_address_only(node))
            return false;
        access->node = node;
        access->type = &node->type;
        access->through = &fact_strip_parens(base)->type;
        access->through_text = fact_strip_parens(base)->text;
        *pointer = variable;
        return true;
    }
    struct copy_call copy;
    if (node->kind == NODE_CALL && copy_call_parse(node, index, &copy) && copy.is_library) {
        /* memcpy moves bytes: only a user pointer declared as the struct's
         * pointer type says the buffer is used as that struct. */
        const struct fact_node *object = shape_address_of(copy.kernel);
        const struct fact_node *user = fact_strip(copy.user);
        if (object && object->type.type_class == TYPE_RECORD && object->type.align > 1 &&
            user->kind == NODE_DECL_REF && shape_same_type(user->type.pointee_canonical, object->type.canonical)) {
            access->node = node;
            access->type = &object->type;
            access->through = NULL;
            access->through_text = user->text;
            *pointer = user;
            return true;
        }
    }
    return false;
}

/* The first access after a weaker probe is reported; `reported` holds the
 * probes of this function already handled. */
static void check_weak_probe(struct rule_context *context, const struct fact_node *node,
                             const struct shape_function *index, struct node_list *reported)
{
    struct typed_access found;
    const struct fact_node *pointer = NULL;
    if (!typed_access(node, index, &found, &pointer))
        return;
    const struct fact_node *probe = shape_probe_before(index, pointer, node);
    const struct fact_node *alignment = probe ? fact_call_arg(probe, 2) : NULL;
    if (!alignment || !alignment->has_value || found.type->align <= alignment->value)
        return;
    for (unsigned i = 0; i < reported->count; i++)
        if (reported->items[i] == probe)
            return;
    node_list_push(reported, probe);
    /* Name the type the code reads through: the cast's ((PHDR)Buffer)->X,
     * else the pointer's, else the accessed field's. */
    char *type_alignment = found.through ? type_alignment_for_pointee(found.through) : NULL;
    if (!type_alignment)
        type_alignment = type_alignment_for_pointee(&pointer->type);
    if (!type_alignment)
        type_alignment = xasprintf("TYPE_ALIGNMENT(%s)", found.type->spelling);
    const struct fact_node *alignment_text = written_alignment(alignment);
    /* A copy names its destination; a dereference needs a local to capture into. */
    char *written[4] = {0};
    unsigned written_count = found.node->kind == NODE_CALL
                                 ? rule_invocation_arguments(found.node->text, written, 4)
                                 : 0;
    const char *destination = written_count >= 2 ? written[0] : "&Local";
    char *message = xasprintf(
        "'%s' uses user memory as %s (alignment %lld), but %s checked only alignment %lld; probe with %s, or "
        "capture the buffer with an Aligned accessor (ReadStructFromUserAligned(%s, %s, %s))",
        found.node->text, found.type->spelling, found.type->align, rule_call_name(probe),
        alignment->value, type_alignment, destination, found.through_text ? found.through_text : pointer->text,
        type_alignment);
    rule_free_strings(written, written_count);
    struct finding *finding = rule_report(context, found.node, context->rule->severity, message);
    rule_note(context, finding, probe, "the probe that sets the alignment");
    if (alignment_text && !alignment_text->macro)
        rule_fix_replace(finding, alignment_text, type_alignment);
    free(message);
    free(type_alignment);
}

/* ---- 3. unaligned copy accessors into a struct ------------------------- */

struct aligned_form {
    const char *copy;            /* CopyFromUser */
    const char *aligned_copy;    /* CopyFromUserAligned */
    const char *aligned_struct;  /* ReadStructFromUserAligned */
};

static const struct aligned_form aligned_forms[] = {
    {"CopyFromUser", "CopyFromUserAligned", "ReadStructFromUserAligned"},
    {"CopyToUser", "CopyToUserAligned", "WriteStructToUserAligned"},
    {"CopyFromMode", "CopyFromModeAligned", "ReadStructFromModeAligned"},
    {"CopyToMode", "CopyToModeAligned", "WriteStructToModeAligned"},
};

/* The user pointer as a struct macro accepts it next to an object of `type`. */
static char *struct_pointer_text(const struct fact_node *user, const struct fact_type *type)
{
    const struct fact_node *stripped = fact_strip(user);
    if (stripped->type.type_class == TYPE_POINTER && shape_same_type(stripped->type.pointee_canonical, type->canonical))
        return xstrdup(stripped->text);
    return xasprintf(shape_is_simple(stripped) ? "(%s *)%s" : "(%s *)(%s)", type->spelling, stripped->text);
}

static void check_unaligned_copy(struct rule_context *context, const struct fact_node *call,
                                 const struct shape_function *index)
{
    struct copy_call copy;
    if (!copy_call_parse(call, index, &copy) || copy.is_library || copy.is_aligned || copy.is_non_temporal)
        return;
    const struct aligned_form *form = NULL;
    for (size_t i = 0; i < sizeof aligned_forms / sizeof aligned_forms[0]; i++)
        if (strcmp(copy.api, aligned_forms[i].copy) == 0)
            form = &aligned_forms[i];
    if (!form)
        return;
    /* The kernel-side struct: &k, or a pointer to a struct. */
    const struct fact_node *object = shape_address_of(copy.kernel);
    const struct fact_node *kernel = fact_strip(copy.kernel);
    const struct fact_type *type = NULL;
    long long size = -1;
    struct fact_type pointee = {0};
    if (object && object->type.type_class == TYPE_RECORD) {
        type = &object->type;
        size = object->type.size;
    } else if (!object && kernel->type.type_class == TYPE_POINTER && kernel->type.pointee_class == TYPE_RECORD) {
        pointee.spelling = kernel->type.pointee_spelling;
        pointee.canonical = kernel->type.pointee_canonical;
        pointee.align = kernel->type.pointee_align;
        pointee.size = kernel->type.pointee_size;
        type = &pointee;
        size = pointee.size;
    }
    if (!type || !type->spelling || type->align <= 1 || size <= 0)
        return;
    const struct fact_node *length = fact_strip(copy.length);
    bool sizeof_length = length && length->kind == NODE_SIZEOF && !length->is_alignof && length->has_value;
    if (sizeof_length && length->value != size)
        return;   /* a wrong size: UM2004 comes first */
    /* Whole structs only (the size is sizeof(T)), or a user pointer declared
     * as T *: a byte range copied out of an untyped buffer has no T in it. */
    const struct fact_type *user_type = &fact_strip(copy.user)->type;
    bool user_is_typed = shape_same_type(user_type->pointee_canonical, type->canonical);
    if (!sizeof_length && !user_is_typed)
        return;
    /* An earlier probe of the user pointer with enough alignment checks it. */
    const struct fact_node *probe = shape_probe_before(index, copy.user, call);
    const struct fact_node *probe_alignment = probe ? fact_call_arg(probe, 2) : NULL;
    if (probe_alignment && (!probe_alignment->has_value || probe_alignment->value >= type->align))
        return;

    char *written[5] = {0};
    unsigned count = shape_written_arguments(call, written, 5);
    if (count != (copy.is_mode ? 4u : 3u)) {
        rule_free_strings(written, count);
        return;
    }
    char *alignment = xasprintf("TYPE_ALIGNMENT(%s)", type->spelling);
    struct strbuf suggestion = STRBUF_INIT;
    if (sizeof_length) {
        char *user = struct_pointer_text(copy.user, type);
        const char *kernel_text = written[copy.reads_user ? 0 : 1];
        strbuf_printf(&suggestion, "%s(%s, %s", form->aligned_struct, copy.reads_user ? kernel_text : user,
                      copy.reads_user ? user : kernel_text);
        if (copy.is_mode)
            strbuf_printf(&suggestion, ", %s", written[3]);
        strbuf_printf(&suggestion, ", %s)", alignment);
        free(user);
    } else {
        strbuf_printf(&suggestion, "%s(%s, %s, %s", form->aligned_copy, written[0], written[1], written[2]);
        if (copy.is_mode)
            strbuf_printf(&suggestion, ", %s", written[3]);
        strbuf_printf(&suggestion, ", %s)", alignment);
    }
    const struct fact_node *user = fact_strip(copy.user);
    char *message = xasprintf(
        "%s %s the user buffer '%s' as %s (alignment %lld) without checking its alignment; use %s, which raises "
        "STATUS_DATATYPE_MISALIGNMENT for a misaligned buffer",
        copy.api, copy.reads_user ? "reads" : "writes", user->text, type->spelling, type->align, suggestion.data);
    struct finding *finding = rule_report(context, call, context->rule->severity, message);
    if (probe)
        rule_note(context, finding, probe, "this probe checks a smaller alignment");
    if (!call->macro)
        rule_fix_replace(finding, call, suggestion.data);
    free(message);
    free(alignment);
    strbuf_free(&suggestion);
    rule_free_strings(written, count);
}

struct unaligned_pass {
    struct rule_context *context;
    const struct fact_function *function;   /* whose probes `reported` holds */
    struct node_list reported;
};

static void check_node(const struct fact_node *node, const struct shape_function *index, void *data)
{
    struct unaligned_pass *pass = data;
    if (pass->function != index->function) {
        pass->function = index->function;
        pass->reported.count = 0;
    }
    if (node->is_invalid)
        return;
    check_weak_probe(pass->context, node, index, &pass->reported);
    if (node->kind != NODE_CALL)
        return;
    if (shape_is_probe(node))
        check_alignment_argument(pass->context, node);
    else
        check_unaligned_copy(pass->context, node, index);
}

void rule_unaligned_user_access(struct rule_context *context)
{
    struct unaligned_pass pass = {context, NULL, {0}};
    shape_for_each_node(context, check_node, &pass);
    node_list_free(&pass.reported);
}
