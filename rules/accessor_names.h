/* accessor_names.h - which usermode_accessors.h function reads or writes a
 * value of a given type, spelled exactly as the API spells it.
 *
 * The typed accessors are named after Windows typedefs with their own
 * capitalisation (ULONGLONG -> ULonglong, SIZE_T -> SizeT, NTSTATUS ->
 * NtStatus), so the name is derived from the declared typedef first and
 * only then from the canonical size and signedness. Every rule that
 * suggests a typed accessor uses this one table. */
#ifndef UMALINT_ACCESSOR_NAMES_H
#define UMALINT_ACCESSOR_NAMES_H

#include <stdbool.h>

#include "tool/facts.h"

/* How a type maps onto the typed accessor family. */
struct accessor_type {
    const char *token;      /* "ULong", "Pointer", "LargeInteger" */
    const char *c_type;     /* the accessor's C type: "ULONG", "PVOID" */
    /* The address of a value of the given type is not a pointer to c_type
     * (a PCHAR field for ReadPointerFromUser, an `unsigned int` field for
     * ReadULongFromUser), so the suggestion must cast it: (PVOID *)&p->f. */
    bool needs_cast;
};

/* The accessor type for `type`, from the declared typedef spelling
 * (qualifiers ignored), then known records by canonical name, then any
 * pointer, then integer size and signedness. False for arrays, floating
 * point and records without a dedicated accessor (those use the struct
 * macros or CopyFromUser). */
bool accessor_type_of(const struct fact_type *type, struct accessor_type *result);

/* Just the token ("ULong"), or NULL when no typed accessor fits. */
const char *accessor_type_name(const struct fact_type *type);

/* The address expression to hand an accessor for the user location
 * `lvalue`, as source text: `*p` -> "p", `p->f` -> "&p->f", `p[i]` ->
 * "&p[i]", with "(T *)" in front when the accessor type needs a cast.
 * Malloc'd. */
char *accessor_address_text(const struct fact_node *lvalue, const struct accessor_type *accessor);

/* "Read<T>FromUser(ADDRESS)" for the user location `lvalue`, or with a
 * non-NULL mode_text "Read<T>FromMode(ADDRESS, MODE)". Malloc'd; NULL when
 * no typed accessor fits the location's type. */
char *accessor_read_call(const struct fact_node *lvalue, const char *mode_text);

/* "Write<T>ToUser(ADDRESS, VALUE)" or "Write<T>ToMode(ADDRESS, VALUE, MODE)".
 * Malloc'd; NULL when no typed accessor fits. */
char *accessor_write_call(const struct fact_node *lvalue, const char *value_text, const char *mode_text);

/* The same builders from a type and an address text the caller made. */
char *accessor_read_text(const char *token, const char *address_text, const char *mode_text);
char *accessor_write_text(const char *token, const char *address_text, const char *value_text,
                          const char *mode_text);

#endif
