/* user_memory.h - where user pointers come from and every access to the
 * memory they point at, for one translation unit.
 *
 * Built once per translation unit from the facts (no libclang), handed to
 * every rule through rule_context.user_memory. The analysis is deliberately
 * simple and explainable:
 *
 *   - A *root* is one user pointer as it enters the code: a variable or
 *     parameter (decl_key != 0), or an expression used directly such as
 *     `Irp->UserBuffer` (decl_key == 0, keyed by its text). Origins are
 *     listed in enum um_origin.
 *   - A *pointer* is a variable that holds an address inside a root: the root
 *     variable itself (prefix ""), a copy or cast (`PREQ r = (PREQ)p`), a
 *     field address (`PHDR h = &r->Hdr`, prefix ".Hdr") or an offset
 *     (`p + 8`, prefix "@+8"). Aliasing is flow-insensitive inside a
 *     function; a variable assigned both a user and a kernel buffer (the
 *     METHOD_NEITHER / METHOD_BUFFERED switch) is not treated as user.
 *   - A user pointer passed to a function defined in the same translation
 *     unit makes that parameter a root (origin UM_ORIGIN_CALLER_ARGUMENT);
 *     this runs to a fixpoint, context-insensitively.
 *   - An *access* is one read, write, probe or accessor call touching user
 *     memory, with its normalised location path relative to the root, its
 *     guard (`__try/__except`), whether a probe or accessor on the same root
 *     precedes it in source order, and how a read value is used.
 *
 * Paths: "*" is the whole pointee; "->A.B" a field path; "[3]" / "[?]" an
 * element (constant / unknown index; p[0] is "*"); "@+8" a byte offset
 * taken with pointer arithmetic. Two paths name overlapping memory when
 * one is a component-wise prefix of the other (um_paths_overlap).
 *
 * Kernel-only code (requestor-mode guarded, internal IOCTL handlers) still
 * gets roots and accesses, with kernel_only set; rules about user memory
 * skip those. Memory: everything is owned by the struct user_memory and
 * freed by user_memory_free. The facts must outlive it. */
#ifndef UMALINT_USER_MEMORY_H
#define UMALINT_USER_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "facts.h"

/* A parameter declared to carry a user pointer (--user-param=Function:index). */
struct um_user_param {
    const char *function;
    unsigned index;            /* 0-based */
};

struct user_memory_config {
    const struct um_user_param *user_params;
    size_t user_param_count;
    /* Field names whose values are user pointers wherever they are read,
     * like Type3InputBuffer ("origin_fields" in .umalint.json). */
    const char *const *origin_fields;
    size_t origin_field_count;
};

enum um_origin {
    UM_ORIGIN_PROBE,           /* first argument of ProbeForRead/ProbeForWrite/ExProbeAlignment */
    UM_ORIGIN_ACCESSOR,        /* user-side pointer argument of a usermode_accessors.h call */
    UM_ORIGIN_TYPE3_INPUT,     /* ...Parameters.DeviceIoControl.Type3InputBuffer */
    UM_ORIGIN_USER_BUFFER,     /* Irp->UserBuffer */
    UM_ORIGIN_NESTED,          /* a pointer value loaded from user memory */
    UM_ORIGIN_SYSTEM_BUFFER_FIELD, /* a pointer field read out of a METHOD_BUFFERED system buffer */
    UM_ORIGIN_KERNEL_ENTRY,    /* pointer parameter of a __kernel_entry function */
    UM_ORIGIN_WDF_UNSAFE,      /* output of WdfRequestRetrieveUnsafeUserInput/OutputBuffer */
    UM_ORIGIN_CONFIG,          /* --user-param */
    UM_ORIGIN_CALLER_ARGUMENT, /* parameter that a caller in this TU passes a user pointer to */
    UM_ORIGIN_CONFIG_FIELD,    /* a field named in user_memory_config.origin_fields */
};

/* How a value read from user memory is used (bit set in um_access.uses). */
enum um_use {
    UM_USE_CONDITION = 1u << 0,   /* if/while/for/switch condition, comparison, ?: condition */
    UM_USE_ALLOC_SIZE = 1u << 1,  /* argument of ExAllocatePool* / ExAllocatePool2 / ... */
    UM_USE_COPY_LENGTH = 1u << 2, /* length argument of a copy/fill (memcpy, RtlCopyMemory, CopyFromUser, ...) */
    UM_USE_INDEX = 1u << 3,       /* array index or pointer offset */
    UM_USE_POINTER = 1u << 4,     /* dereferenced or used as an address */
    UM_USE_DATA = 1u << 5,        /* stored, returned, passed on, computed with */
    UM_USE_LOGGING = 1u << 6,     /* argument of DbgPrint/DbgPrintEx/KdPrint/KdPrintEx/TraceEvents */
};

enum um_access_kind {
    UM_ACCESS_DEREF,        /* *p, p->f, p[i], read or written in place */
    UM_ACCESS_STRUCT_COPY,  /* a whole struct read or written by assignment: K = *p; *p = K */
    UM_ACCESS_LIBRARY,      /* memcpy/memmove/memset/RtlCopyMemory/.../strlen/wcslen/RtlInitUnicodeString */
    UM_ACCESS_ACCESSOR,     /* a usermode_accessors.h call on the user pointer */
    UM_ACCESS_PROBE,        /* ProbeForRead/ProbeForWrite/ExProbeAlignment */
};

struct um_root {
    unsigned index;
    enum um_origin origin;
    const struct fact_function *function;  /* where the root lives */
    uint64_t decl_key;            /* variable or parameter; 0 for an expression root */
    const char *name;             /* "Request", or the expression "Irp->UserBuffer" */
    struct fact_type type;        /* the pointer's declared type (pointee gives T) */
    const struct fact_node *origin_node; /* the expression or call that makes it a user pointer; NULL for parameters */
    const struct fact_node *declaration; /* NODE_VAR_DECL of the variable/parameter, or NULL */
    /* UM_ORIGIN_NESTED: the root and path the pointer value was loaded from. */
    int parent_root;              /* -1 when none */
    const char *parent_path;
    /* UM_ORIGIN_CALLER_ARGUMENT: every call site in the TU passes a pointer
     * that was probed (or is an accessor-checked root) before the call. */
    bool probed_at_entry;
    /* Every use of this root is kernel memory: internal IOCTL handler, or the
     * caller-argument root of a helper only ever called with kernel buffers. */
    bool kernel_only;
};

/* A variable holding an address inside a root. */
struct um_pointer {
    const struct fact_function *function;
    uint64_t decl_key;
    const char *name;
    unsigned root;
    const char *prefix;           /* designator inside the root: "", ".Hdr", "[2]", "@+8" */
    const struct fact_node *assigned_at; /* the initialiser or assignment source, or NULL */
};

struct um_access {
    enum um_access_kind kind;
    const struct fact_node *node;     /* DEREF: the MEMBER/UNARY "*"/SUBSCRIPT lvalue;
                                       * STRUCT_COPY: the `*p` / `p[i]` operand;
                                       * LIBRARY/ACCESSOR/PROBE: the NODE_CALL */
    const struct fact_node *pointer;  /* the user pointer expression (the base, or the call argument) */
    const struct fact_function *function;
    unsigned root;
    const char *path;                 /* "*", "->Hdr.Length", "[?]", "@+8" */
    bool is_read, is_write;           /* probes: neither (ProbeForWrite sets is_write) */
    const char *api;                  /* LIBRARY/ACCESSOR/PROBE: the name as written ("RtlCopyMemory") */
    bool is_mode_api;                 /* ...Mode accessor (kernel pointers are fine) */
    bool locally_guarded;             /* inside __try/__except in this function */
    bool guarded;                     /* locally_guarded, or the function's every call in the TU is guarded */
    bool kernel_only;                 /* kernel-mode-only scope or kernel buffer: not a user access */
    /* The first probe or accessor on the same root earlier in the function
     * (source order), or NULL. probed = that, or root probed_at_entry, or
     * the access is itself an accessor/probe. */
    const struct um_access *preceding_check;
    bool probed;
    unsigned uses;                    /* UM_USE_* for a read value (0 for writes, probes, bulk copies) */
    const struct fact_node *use_node; /* the node that consumes the value most significantly, or NULL */
    uint64_t captured_into;           /* local variable the read value is stored in, or 0 */
    bool in_loop;                     /* inside a for/while/do body or condition */
    bool is_bitmask_test;             /* (value & CONSTANT) used as a condition */
    long long bitmask;                /* the CONSTANT when is_bitmask_test */
};

struct um_function {
    const struct fact_function *function;
    bool serves_internal_ioctl;   /* registered for IRP_MJ_INTERNAL_DEVICE_CONTROL */
    unsigned call_count;          /* calls to it in this TU */
    bool guarded_by_callers;      /* call_count > 0 and every call sits in __try/__except */
    /* The requestor mode expression if the function has one
     * ("Irp->RequestorMode", "PreviousMode", "AccessMode"), for
     * UmaExceptionFilter(Mode) / ...Mode suggestions; NULL otherwise. */
    const char *mode_text;
};

struct user_memory {
    struct arena arena;
    struct um_root *roots;
    unsigned root_count;
    struct um_pointer *pointers;
    unsigned pointer_count;
    struct um_access *accesses;       /* grouped by function (contiguous), each in source (pre-)order */
    unsigned access_count;
    struct um_function *functions;    /* parallel to facts->functions */
    unsigned function_count;
    unsigned *function_order;         /* internal: function indices sorted by fact_function address */
};

/* Builds the analysis; config may be NULL. Never returns NULL. */
struct user_memory *user_memory_build(const struct facts *facts, const struct user_memory_config *config);
void user_memory_free(struct user_memory *memory);

/* The function record for `function`, or NULL. */
const struct um_function *um_function_of(const struct user_memory *memory, const struct fact_function *function);

/* If `expression` (inside `function`) evaluates to an address in user
 * memory, stores its root index and designator prefix ("", ".Hdr", ...)
 * and returns true. Works for any pointer expression: variables, casts,
 * &p->f, p + n, Irp->UserBuffer, ... */
bool um_user_pointer(const struct user_memory *memory, const struct fact_function *function,
                     const struct fact_node *expression, unsigned *root, const char **prefix);

/* The access whose node is `node`, or NULL. */
const struct um_access *um_access_at(const struct user_memory *memory, const struct fact_node *node);

/* How the value of expression `value` (in `function`) is used: UM_USE_*
 * bits, following it through casts, arithmetic and local variables, the
 * same way um_access.uses is computed. */
unsigned um_value_uses(const struct user_memory *memory, const struct fact_function *function,
                       const struct fact_node *value);

/* True when the two paths (of the same root) may name overlapping memory. */
bool um_paths_overlap(const char *a, const char *b);

/* Name tests used by the analysis, exported so rules agree with it. */
bool um_is_probe_name(const char *name);
bool um_is_accessor_name(const char *name);       /* any usermode_accessors.h entry point */
bool um_is_mode_accessor_name(const char *name);  /* the ...Mode forms */
/* Index of the user-side pointer argument of an accessor (the source of
 * reads, the destination of writes), or -1. CopyToUserFromUser/MoveToUserFromUser
 * have two: the second one is in *second (else -1). */
int um_accessor_user_argument(const char *name, int *second);

const char *um_origin_name(enum um_origin origin);   /* "Irp->UserBuffer", "a probed pointer", ... */

#endif
