/* facts.h - what one traversal of a translation unit knows, as plain C data.
 *
 * The facts are a small intermediate representation of every function body
 * written outside system headers: statements and expressions as a tree of
 * fact_node, each with its kind, operator, referenced declaration, type
 * (size and alignment under the target, e.g. MSVC x64), constant value when
 * clang can evaluate it, source range and source text. Rules read these and
 * never libclang; after extraction the translation unit is disposed.
 *
 * All memory belongs to the facts' arena and is freed by facts_free. */
#ifndef UMALINT_FACTS_H
#define UMALINT_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"

enum type_class {
    TYPE_OTHER = 0,
    TYPE_VOID,
    TYPE_INTEGER,   /* including enums, char and bool */
    TYPE_FLOAT,
    TYPE_POINTER,
    TYPE_RECORD,    /* struct or union */
    TYPE_ARRAY,
    TYPE_FUNCTION,
};

struct fact_type {
    const char *spelling;        /* as written: "PMY_REQUEST", "ULONG" */
    const char *canonical;       /* "struct _MY_REQUEST *", "unsigned int" */
    enum type_class type_class;
    long long size;              /* bytes; -1 when incomplete or dependent */
    long long align;             /* bytes; -1 when unknown */
    bool is_const, is_volatile;
    /* For pointers and arrays: the element type, one level deep. */
    const char *pointee_spelling;
    const char *pointee_canonical;
    enum type_class pointee_class;
    long long pointee_size;
    long long pointee_align;
};

enum node_kind {
    NODE_OTHER = 0,
    /* declarations and statements */
    NODE_COMPOUND, NODE_DECL_STMT, NODE_VAR_DECL, NODE_IF, NODE_WHILE, NODE_DO, NODE_FOR,
    NODE_SWITCH, NODE_CASE, NODE_DEFAULT, NODE_RETURN, NODE_GOTO, NODE_LABEL, NODE_BREAK,
    NODE_CONTINUE, NODE_NULL_STMT,
    NODE_TRY,        /* __try: children = body, handler (NODE_EXCEPT or NODE_FINALLY) */
    NODE_EXCEPT,     /* __except: children = filter expression, handler body */
    NODE_FINALLY,    /* __finally: child = body */
    NODE_LEAVE,
    /* expressions */
    NODE_CALL,       /* children = callee expression, arguments... */
    NODE_DECL_REF,
    NODE_MEMBER,     /* p->f or s.f: child = base; name = field; is_arrow */
    NODE_SUBSCRIPT,  /* a[i]: children = base, index */
    NODE_UNARY,      /* op: "&", "*", "-", "!", "~", "++", "--" (prefix/postfix in is_postfix) */
    NODE_BINARY,     /* op: "+", "<", "=", "+=", "&&", ... */
    NODE_CONDITIONAL,
    NODE_CAST,       /* explicit cast; implicit casts are folded away */
    NODE_PAREN,
    NODE_SIZEOF,     /* sizeof/alignof: child = operand expression, or none and operand_type */
    NODE_INTEGER, NODE_FLOATING, NODE_STRING, NODE_CHARACTER,
    NODE_INIT_LIST,
    NODE_COMPOUND_LITERAL,
};

struct fact_node {
    enum node_kind kind;
    const char *op;              /* operator spelling for unary/binary nodes */
    bool is_postfix;             /* unary ++/-- */
    bool is_arrow;               /* member access through a pointer */
    bool is_alignof;             /* NODE_SIZEOF that is really alignof */
    /* NODE_MEMBER: byte offset of the field inside its record (-1 when
     * unknown, e.g. a bit-field or an incomplete record). */
    long long member_offset;
    const char *name;            /* referenced name, member name, declared name, called function */
    uint64_t decl_key;           /* identity of the referenced or declared entity; 0 if none */
    const char *macro;           /* macro whose expansion starts this node (RtlCopyMemory), or NULL */
    struct fact_type type;       /* expression or declaration type */
    struct fact_type operand_type;  /* NODE_SIZEOF of a type: that type */
    bool has_value;              /* integer constant clang could evaluate */
    long long value;
    /* Source range in the file that holds the code (macro arguments map to
     * where they are written; a macro expansion maps to its invocation). */
    const char *file;
    unsigned line, column, end_line, end_column;
    unsigned offset, end_offset;
    const char *text;            /* source text of [offset, end_offset) */
    bool is_invalid;             /* contains a parse error: rules skip it */
    /* Enclosing __try bodies that have an __except handler, in this function. */
    unsigned guarded_depth;
    struct fact_node *parent;
    struct fact_node **children;
    unsigned child_count;
};

struct fact_function {
    const char *name;
    uint64_t decl_key;
    const char *file;
    unsigned line, column;
    bool is_kernel_entry;        /* declared with __kernel_entry / _Kernel_entry_ */
    struct fact_node **params;   /* NODE_VAR_DECL nodes */
    unsigned param_count;
    struct fact_node *body;      /* NODE_COMPOUND */
};

/* One source file's text as parsed, so rules can build messages and fixes. */
struct fact_file {
    const char *path;
    const char *contents;
    unsigned long size;
    bool is_main;
};

struct facts {
    struct arena arena;
    const char *main_file;
    struct fact_function **functions;
    unsigned function_count;
    struct fact_file **files;
    unsigned file_count;
    unsigned parse_error_count;
};

void facts_init(struct facts *facts, const char *main_file);
void facts_free(struct facts *facts);

/* Helpers for rules. */
/* Strips parentheses and explicit casts. */
const struct fact_node *fact_strip(const struct fact_node *node);
/* The child at index, or NULL. */
const struct fact_node *fact_child(const struct fact_node *node, unsigned index);
/* Call nodes: the argument at index (0-based, after the callee), or NULL. */
const struct fact_node *fact_call_arg(const struct fact_node *call, unsigned index);
unsigned fact_call_arg_count(const struct fact_node *call);
/* Calls `visit` for every node of the subtree in source order (pre-order). */
void fact_walk(const struct fact_node *root, void (*visit)(const struct fact_node *, void *), void *context);
/* The 1-based line of text containing `offset` in `file`, without newline, or NULL. */
const struct fact_file *facts_find_file(const struct facts *facts, const char *path);

#endif
