/* call_shapes.h - the shape of the calls that move bytes between kernel and
 * user memory (the CopyFromUser/CopyToUser family and its Aligned, Mode and
 * NonTemporal forms, and memcpy/RtlCopyMemory after a probe), of probes and
 * of requestor-mode tests, as the call-shape rules (UM1004, UM1006, UM2004,
 * UM2006, UM2007) need them: which argument is the kernel side, which the
 * user side, the length, the alignment, the mode.
 *
 * Only local evidence is used: a pointer is a user pointer here because the
 * accessor says so, or because the same function probed it earlier. */
#ifndef UMALINT_CALL_SHAPES_H
#define UMALINT_CALL_SHAPES_H

#include <stdbool.h>

#include "rules/rule.h"
#include "tool/facts.h"
#include "tool/user_memory.h"

/* A growable list of nodes. */
struct node_list {
    const struct fact_node **items;
    unsigned count, capacity;
};
void node_list_push(struct node_list *list, const struct fact_node *node);
void node_list_free(struct node_list *list);
/* Appends every node of the subtree for which match() is true, in source order. */
void shape_collect(const struct fact_node *root, bool (*match)(const struct fact_node *, void *),
                   void *data, struct node_list *list);

/* True when both nodes denote the same expression: the same variable (by
 * declaration) or the same source text once parentheses and casts are gone. */
bool shape_same_expression(const struct fact_node *a, const struct fact_node *b);
/* A type spelling without its leading const/volatile words: "const
 * PORT_REPLY" -> "PORT_REPLY" (a pointer into the same string). */
const char *shape_unqualified(const char *spelling);
/* True when two canonical type spellings name the same type once leading
 * const/volatile qualifiers are ignored. NULL never matches. */
bool shape_same_type(const char *a, const char *b);
/* True when `node` is written before `later` in the same file. */
bool shape_before(const struct fact_node *node, const struct fact_node *later);
/* True when `node` lies inside `outer`'s source range (same file). */
bool shape_within(const struct fact_node *node, const struct fact_node *outer);
/* A variable, member access or parenthesised expression: text that can take
 * a `*` or `&` without extra parentheses. */
bool shape_is_simple(const struct fact_node *node);
/* True when the stripped node is `&operand`; returns the operand. */
const struct fact_node *shape_address_of(const struct fact_node *node);

/* "sizeof(k)" for an object, "sizeof(*p)" / "sizeof(*(expr))" for the
 * pointee of a pointer expression. Malloc'd. */
char *shape_sizeof_object_text(const struct fact_node *object);
char *shape_sizeof_pointee_text(const struct fact_node *pointer);

/* A probe call: ProbeForRead, ProbeForWrite or ExProbeAlignment (also when
 * it comes from an ...Aligned macro). */
bool shape_is_probe(const struct fact_node *call);

/* What the rules look up again and again in one function, collected in one
 * walk so that the lookups stay linear in what they search. */
struct shape_function {
    const struct fact_function *function;
    /* The user-memory analysis's pointer variables of this function (NULL
     * entries when it is absent): casts and copies of a probed pointer are
     * the same pointer (`PREQ Req = (PREQ)Buffer`). */
    const struct um_pointer **pointers;
    unsigned pointer_count;
    struct node_list probes;        /* ProbeForRead/ProbeForWrite calls, source order */
    struct node_list checks;        /* comparisons (== != < <= > >=) and intsafe calls (...Mult/Add/Sub) */
    struct node_list definitions;   /* variable declarations with an initialiser, `x = ...` assignments */
};
/* `memory` may be NULL: then only the same expression is the same pointer. */
void shape_function_index(const struct fact_function *function, const struct user_memory *memory,
                          struct shape_function *index);
void shape_function_free(struct shape_function *index);
/* The index of every function of a unit, built when first asked for and
 * shared by the rules of one run (rule_context.shapes). */
struct shape_cache *shape_cache_create(const struct facts *facts, const struct user_memory *memory);
void shape_cache_free(struct shape_cache *cache);
/* The index of facts->functions[function_index]. */
const struct shape_function *shape_cache_get(struct shape_cache *cache, unsigned function_index);

typedef void shape_visit_fn(const struct fact_node *node, const struct shape_function *index, void *data);
/* Calls `visit` for every node of every function (pre-order), with the
 * function's index (from context->shapes when there is one). */
void shape_for_each_node(struct rule_context *context, shape_visit_fn *visit, void *data);
/* The same expression, or two variables holding the same user address
 * (same root, no offset) according to the user-memory analysis. */
bool shape_same_pointer(const struct shape_function *index, const struct fact_node *a, const struct fact_node *b);
/* A variable that holds a user address according to the user-memory
 * analysis, or that the function probes. */
bool shape_is_user_pointer(const struct shape_function *index, const struct fact_node *variable);

/* The last ProbeForRead/ProbeForWrite of the function written before
 * `node` whose pointer is `pointer`, or NULL. */
const struct fact_node *shape_probe_before(const struct shape_function *index, const struct fact_node *pointer,
                                           const struct fact_node *node);
/* Relational comparison, any comparison, intsafe call. */
bool shape_is_relational(const struct fact_node *node);
bool shape_is_comparison(const struct fact_node *node);
bool shape_is_overflow_check_call(const struct fact_node *node);

/* One copy between kernel and user memory. */
struct copy_call {
    const struct fact_node *call;        /* the IR call that copies */
    const char *api;                     /* as written: "CopyFromUserAligned", "RtlCopyMemory" */
    const char *base_api;                /* the function underneath: "CopyFromUser", "memcpy" */
    const struct fact_node *destination, *source, *length;  /* IR arguments (unstripped) */
    const struct fact_node *kernel, *user;   /* the two sides; the same nodes as above */
    bool reads_user;                     /* user -> kernel */
    bool is_library;                     /* memcpy/memmove family after a probe */
    bool is_mode;                        /* ...Mode form */
    bool is_aligned;                     /* ...Aligned macro form */
    bool is_non_temporal;
    const struct fact_node *probe;       /* is_library: the probe that makes the user side user */
};
/* Recognises the copy accessors and, with the function's index,
 * memcpy/memmove/RtlCopyMemory/RtlMoveMemory whose one side was probed
 * before (index NULL: accessors only). */
bool copy_call_parse(const struct fact_node *call, const struct shape_function *index, struct copy_call *copy);

/* The written arguments of the call as the user wrote it (the macro
 * invocation for macro forms). Returns the count; free with rule_free_strings. */
unsigned shape_written_arguments(const struct fact_node *call, char **arguments, unsigned max_arguments);

/* A requestor-mode test `Mode != KernelMode`, `Mode == UserMode`,
 * `KernelMode == Irp->RequestorMode`, ...: returns the mode operand and
 * sets *tests_user to true when the condition holds for user callers. */
const struct fact_node *shape_mode_test(const struct fact_node *condition, bool *tests_user);
/* True for expressions that give a requestor mode: Irp->RequestorMode,
 * ExGetPreviousMode(), KeGetPreviousMode(), WdfRequestGetRequestorMode(). */
bool shape_is_mode_source(const struct fact_node *node);

#endif
