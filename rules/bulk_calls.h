/* bulk_calls.h - the C library / Rtl memory routines (memcpy, RtlCopyMemory,
 * RtlZeroMemory, memset, RtlFillMemory, strlen, ...) as the user wrote them,
 * with their arguments in written order, and the accessor that replaces each
 * one when it touches user memory. Shared by the direct-access rules (UM2001,
 * UM2002) and the length rule (UM1005). */
#ifndef UMALINT_BULK_CALLS_H
#define UMALINT_BULK_CALLS_H

#include <stdbool.h>

#include "tool/facts.h"
#include "tool/user_memory.h"

enum bulk_shape {
    BULK_COPY,        /* (Destination, Source, Length): memcpy, RtlCopyMemory */
    BULK_MOVE,        /* same, overlap allowed: memmove, RtlMoveMemory */
    BULK_ZERO,        /* (Destination, Length): RtlZeroMemory */
    BULK_SET,         /* (Destination, Fill, Length): memset */
    BULK_FILL,        /* (Destination, Length, Fill): RtlFillMemory */
    BULK_COMPARE,     /* (A, B, Length): memcmp, RtlEqualMemory, RtlCompareMemory */
    BULK_STRLEN,      /* (String): strlen */
    BULK_WCSLEN,      /* (String): wcslen */
};

struct bulk_call {
    const struct fact_node *call;
    const char *api;              /* as written: "RtlCopyMemory" */
    enum bulk_shape shape;
    char *arguments[4];           /* written text, in written order */
    unsigned argument_count;
    /* Argument roles in written order, -1 when the shape has none. The
     * destination is argument 0 of every shape, in the IR too. */
    int length_index, fill_index, source_index;
};

/* Recognises `call`; on success fills `bulk` (free it with bulk_call_free). */
bool bulk_call_parse(const struct fact_node *call, struct bulk_call *bulk);
void bulk_call_free(struct bulk_call *bulk);

/* The IR node of the length argument (the call's IR argument order may
 * differ from the written one for macros like RtlZeroMemory), or NULL. */
const struct fact_node *bulk_call_length_node(const struct bulk_call *bulk);

/* The complete struct or union `object` when `argument` is `&object`,
 * else NULL. */
const struct fact_node *bulk_addressed_record(const struct fact_node *argument);

/* The user pointer written so that a struct macro (ReadStructFromUser,
 * WriteStructToUser) accepts it next to `object`: unchanged when it already
 * points to the object's type, else cast to "(T *)". Malloc'd. */
char *bulk_struct_pointer_text(const char *written, const struct fact_node *user_argument,
                               const struct fact_node *object);

/* True when `node` lies inside [outer->offset, outer->end_offset). */
bool bulk_node_within(const struct fact_node *node, const struct fact_node *outer);

/* The alignment an earlier probe demanded of exactly the address
 * `user_pointer` (the same root and designator), as written
 * ("TYPE_ALIGNMENT(MY_REQUEST)"), when its value is more than 1; NULL
 * otherwise. A suggested struct or copy accessor keeps that check by using
 * its ...Aligned form. */
const char *bulk_probe_alignment_text(const struct user_memory *memory, const struct um_access *access,
                                      const struct fact_node *user_pointer);

#endif
