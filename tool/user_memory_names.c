/* user_memory_names.c - which calls the user-memory analysis knows by
 * name: probes, usermode_accessors.h entry points (and which of their
 * arguments is the user pointer), the C library and Rtl copies, fills,
 * compares and string lengths, allocators and loggers.
 *
 * Kept apart so that the analysis and the rules (through the um_is_*
 * functions of user_memory.h) agree on one list of names. */
#include "user_memory_internal.h"

#include <string.h>


bool um_starts_with(const char *text, const char *prefix)
{
    return text && strncmp(text, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t length = text ? strlen(text) : 0, suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

bool um_name_in(const char *name, const char *const *names)
{
    for (; name && *names; names++)
        if (strcmp(name, *names) == 0)
            return true;
    return false;
}

bool um_is_probe_name(const char *name)
{
    static const char *const probes[] = {"ProbeForRead", "ProbeForWrite", "ExProbeAlignment", NULL};
    return um_name_in(name, probes);
}

bool um_is_accessor_name(const char *name)
{
    if (!name)
        return false;
    if (um_starts_with(name, "Rtl"))
        name += 3;
    if (um_starts_with(name, "Read") && (strstr(name, "FromUser") || strstr(name, "FromMode")))
        return true;
    if (um_starts_with(name, "Write") && (strstr(name, "ToUser") || strstr(name, "ToMode")))
        return true;
    if (um_starts_with(name, "CopyFromUser") || um_starts_with(name, "CopyToUser") ||
        um_starts_with(name, "CopyFromMode") || um_starts_with(name, "CopyToMode") ||
        um_starts_with(name, "MoveToUserFromUser"))
        return true;
    if (ends_with(name, "UserMemory") || ends_with(name, "ModeMemory"))
        return true;
    if (um_starts_with(name, "Interlocked") && (ends_with(name, "ToUser") || ends_with(name, "ToMode")))
        return true;
    return strcmp(name, "StringLengthFromUser") == 0 || strcmp(name, "WideStringLengthFromUser") == 0 ||
           strcmp(name, "StringLengthFromMode") == 0 || strcmp(name, "WideStringLengthFromMode") == 0;
}

bool um_is_mode_accessor_name(const char *name)
{
    return um_is_accessor_name(name) &&
           (strstr(name, "FromMode") || strstr(name, "ToMode") || ends_with(name, "ModeMemory") ||
            um_starts_with(name, "CopyFromUserToMode"));
}

bool um_accessor_reads(const char *name)
{
    if (um_starts_with(name, "Rtl"))
        name += 3;
    return um_starts_with(name, "Read") || um_starts_with(name, "CopyFrom") || strstr(name, "StringLength") ||
           um_starts_with(name, "Interlocked") || um_starts_with(name, "CopyToUserFromUser") ||
           um_starts_with(name, "MoveToUserFromUser");
}

bool um_accessor_writes(const char *name)
{
    if (um_starts_with(name, "Rtl"))
        name += 3;
    return um_starts_with(name, "Write") || um_starts_with(name, "CopyTo") || um_starts_with(name, "MoveTo") ||
           ends_with(name, "Memory") || um_starts_with(name, "Interlocked");
}

int um_accessor_user_argument(const char *name, int *second)
{
    if (second)
        *second = -1;
    if (!um_is_accessor_name(name))
        return -1;
    if (um_starts_with(name, "Rtl"))
        name += 3;
    if (um_starts_with(name, "CopyToUserFromUser") || um_starts_with(name, "MoveToUserFromUser")) {
        if (second)
            *second = 1;
        return 0;
    }
    if (um_starts_with(name, "ReadStruct") || um_starts_with(name, "CopyFrom"))
        return 1;
    return 0;
}

bool um_is_library_copy(const char *name)
{
    static const char *const names[] = {"memcpy", "memmove", "RtlCopyMemory", "RtlMoveMemory", "RtlCopyBytes",
                                        "RtlCopyMemoryNonTemporal", "RtlCopyVolatileMemory",
                                        "RtlMoveVolatileMemory", NULL};
    return um_name_in(name, names);
}

bool um_is_library_fill(const char *name)
{
    static const char *const names[] = {"memset", "RtlFillMemory", "RtlZeroMemory", "RtlSecureZeroMemory",
                                        "RtlFillBytes", "RtlZeroBytes", "RtlFillVolatileMemory", NULL};
    return um_name_in(name, names);
}

bool um_is_library_compare(const char *name)
{
    static const char *const names[] = {"memcmp", "RtlEqualMemory", "RtlCompareMemory", NULL};
    return um_name_in(name, names);
}

bool um_is_library_string(const char *name)
{
    static const char *const names[] = {"strlen", "wcslen", "strnlen", "wcsnlen", NULL};
    return um_name_in(name, names);
}

bool um_is_allocation(const char *name)
{
    static const char *const names[] = {"malloc", "ExAllocateFromNPagedLookasideList", NULL};
    return um_starts_with(name, "ExAllocatePool") || um_name_in(name, names);
}

bool um_is_logging(const char *name)
{
    static const char *const names[] = {"DbgPrint", "DbgPrintEx", "KdPrint", "KdPrintEx", "vDbgPrintEx",
                                        "TraceEvents", "DoTraceMessage", "WppTrace", NULL};
    return um_name_in(name, names);
}

/* The name a call is written as: its macro when that is one of the APIs
 * the analysis knows (RtlCopyMemory -> memcpy), else the callee. */
const char *um_call_name(const struct fact_node *call)
{
    if (call->macro && (um_is_accessor_name(call->macro) || um_is_probe_name(call->macro) ||
                        um_is_library_copy(call->macro) || um_is_library_fill(call->macro) ||
                        um_is_library_compare(call->macro) || um_is_logging(call->macro) ||
                        um_is_allocation(call->macro) || strcmp(call->macro, "RtlInitUnicodeString") == 0))
        return call->macro;
    return call->name;
}

/* Length argument index of a copy or fill, or -1. */
int um_length_argument(const char *name)
{
    if (um_is_library_copy(name) || um_name_in(name, (const char *const[]){"memset", "memcmp", "RtlEqualMemory",
                                                                             "RtlCompareMemory", NULL}))
        return 2;
    if (um_name_in(name, (const char *const[]){"RtlZeroMemory", "RtlSecureZeroMemory", "RtlZeroBytes", NULL}))
        return 1;
    if (um_name_in(name, (const char *const[]){"RtlFillMemory", "RtlFillBytes", NULL}))
        return 1;
    if (um_is_accessor_name(name) && (strstr(name, "Copy") || strstr(name, "Move") || strstr(name, "Memory")))
        return strstr(name, "Fill") || strstr(name, "Zero") || strstr(name, "Set") ? 1 : 2;
    return -1;
}

const char *um_origin_name(enum um_origin origin)
{
    switch (origin) {
    case UM_ORIGIN_PROBE: return "a probed pointer";
    case UM_ORIGIN_ACCESSOR: return "a pointer passed to a user-mode accessor";
    case UM_ORIGIN_TYPE3_INPUT: return "Type3InputBuffer (METHOD_NEITHER)";
    case UM_ORIGIN_USER_BUFFER: return "Irp->UserBuffer";
    case UM_ORIGIN_NESTED: return "a pointer loaded from user memory";
    case UM_ORIGIN_SYSTEM_BUFFER_FIELD: return "a pointer stored in the system buffer";
    case UM_ORIGIN_KERNEL_ENTRY: return "a __kernel_entry parameter";
    case UM_ORIGIN_WDF_UNSAFE: return "WdfRequestRetrieveUnsafeUser...Buffer";
    case UM_ORIGIN_CONFIG: return "a --user-param parameter";
    case UM_ORIGIN_CALLER_ARGUMENT: return "a user pointer passed by a caller";
    case UM_ORIGIN_CONFIG_FIELD: return "a configured origin field";
    }
    return "a user pointer";
}
