/* UM2006 fill-argument-order: FillUserMemory/SetUserMemory (and the Mode
 * forms) called with the length and the fill value in the other function's
 * order.
 *
 * The two families differ only in argument order: FillUserMemory(Dst,
 * Length, Fill) and FillModeMemory(Dst, Length, Fill, Mode) put the length
 * first, SetUserMemory(Dst, Fill, Length) and SetModeMemory(Dst, Fill,
 * Length, Mode) follow memset. Both parameters are integers, so a swap
 * compiles: FillUserMemory(Buffer, 0, Length) fills nothing (and a fill of
 * 0xFF bytes of value (UCHAR)Length is worse). The rule reports a call whose
 * length position holds a fill-like value (a character, a small constant)
 * while the fill position holds a size-like one (sizeof, a variable named
 * like a length, a constant above 255), and offers the swapped call. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/call_shapes.h"
#include "rules/rule.h"
#include "tool/strbuf.h"

struct fill_form {
    const char *name;
    unsigned length_index, fill_index;   /* written argument positions */
    unsigned argument_count;
};

static const struct fill_form fill_forms[] = {
    {"FillUserMemory", 1, 2, 3},
    {"SetUserMemory", 2, 1, 3},
    {"FillModeMemory", 1, 2, 4},
    {"SetModeMemory", 2, 1, 4},
};

static const struct fill_form *fill_form_of(const struct fact_node *call)
{
    for (size_t i = 0; i < sizeof fill_forms / sizeof fill_forms[0]; i++)
        if (rule_call_is(call, fill_forms[i].name))
            return &fill_forms[i];
    return NULL;
}

static bool contains_word(const char *name, const char *word)
{
    size_t length = strlen(word);
    for (const char *p = name; *p; p++)
        if (strncasecmp(p, word, length) == 0)
            return true;
    return false;
}

static bool has_size_like_name(const struct fact_node *node)
{
    static const char *const words[] = {"length", "size", "count", "bytes", "len"};
    if (!node->name || (node->kind != NODE_DECL_REF && node->kind != NODE_MEMBER))
        return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (contains_word(node->name, words[i]))
            return true;
    return false;
}

/* A value that only makes sense as a byte count. */
static bool is_size_like(const struct fact_node *argument)
{
    const struct fact_node *node = fact_strip(argument);
    if (!node)
        return false;
    if (node->kind == NODE_SIZEOF && !node->is_alignof)
        return true;
    if (node->has_value)
        return node->value > 255;
    if (has_size_like_name(node) && node->type.size != 1)
        return true;   /* a UCHAR named ...Len... is still a byte */
    /* Count * sizeof(E) and similar products. */
    if (node->kind == NODE_BINARY && node->op && strcmp(node->op, "*") == 0)
        for (unsigned i = 0; i < node->child_count; i++)
            if (fact_strip(node->children[i])->kind == NODE_SIZEOF)
                return true;
    return false;
}

/* A value that only makes sense as a fill byte. */
static bool is_fill_like(const struct fact_node *argument)
{
    const struct fact_node *node = fact_strip(argument);
    if (!node)
        return false;
    if (node->kind == NODE_CHARACTER)
        return true;
    if (node->kind == NODE_SIZEOF || has_size_like_name(node))
        return false;
    if (node->has_value)
        return node->value >= 0 && node->value <= 255;
    /* A char/UCHAR variable. */
    return node->type.type_class == TYPE_INTEGER && node->type.size == 1;
}

static void check_call(const struct fact_node *call, const struct fact_function *function, void *data)
{
    (void)function;
    struct rule_context *context = data;
    if (call->kind != NODE_CALL || call->is_invalid)
        return;
    const struct fill_form *form = fill_form_of(call);
    if (!form || fact_call_arg_count(call) != form->argument_count)
        return;
    const struct fact_node *at_length = fact_call_arg(call, form->length_index);
    const struct fact_node *at_fill = fact_call_arg(call, form->fill_index);
    if (!is_fill_like(at_length) || !is_size_like(at_fill) || at_length->macro || at_fill->macro)
        return;

    char *written[4] = {0};
    unsigned count = shape_written_arguments(call, written, 4);
    if (count != form->argument_count)
        goto done;
    /* The swapped call, in the function's own order. */
    char *swapped_arguments[4];
    for (unsigned i = 0; i < count; i++)
        swapped_arguments[i] = written[i];
    swapped_arguments[form->length_index] = written[form->fill_index];
    swapped_arguments[form->fill_index] = written[form->length_index];
    struct strbuf suggestion = STRBUF_INIT;
    strbuf_printf(&suggestion, "%s(", form->name);
    for (unsigned i = 0; i < count; i++)
        strbuf_printf(&suggestion, i ? ", %s" : "%s", swapped_arguments[i]);
    strbuf_append(&suggestion, ")");

    bool fill_first = form->fill_index < form->length_index;
    char *message = xasprintf(
        "%s takes (Destination, %s%s), but the length position holds %s, a fill byte, and the fill position "
        "holds %s, a size; the arguments look swapped: %s",
        form->name, fill_first ? "Fill, Length" : "Length, Fill", form->argument_count == 4 ? ", Mode" : "",
        written[form->length_index], written[form->fill_index], suggestion.data);
    struct finding *finding = rule_report(context, call, context->rule->severity, message);
    /* Swap the two argument texts in place. */
    finding_add_fix(finding, finding->where.file, at_length->offset, at_length->end_offset - at_length->offset,
                    at_fill->text);
    finding_add_fix(finding, finding->where.file, at_fill->offset, at_fill->end_offset - at_fill->offset,
                    at_length->text);
    free(message);
    strbuf_free(&suggestion);
done:
    rule_free_strings(written, count);
}

void rule_fill_argument_order(struct rule_context *context)
{
    rule_for_each_node(context->facts, check_call, context);
}
