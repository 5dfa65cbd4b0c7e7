/* UM1002 user-access-outside-try: a probe, a user-memory access or an
 * accessor call that is not inside __try/__except.
 *
 * ProbeForRead/ProbeForWrite and every usermode_accessors.h function report
 * a bad user address by raising an exception, and a plain dereference of a
 * probed pointer faults when another thread unmaps or protects the page.
 * Outside __try/__except that exception is unhandled in kernel mode: the
 * machine bugchecks. A helper function whose every call in the translation
 * unit sits inside __try (directly, or through callers that are themselves
 * only called from __try) is treated as guarded, like CodeQL's
 * interprocedural view. Kernel-only code is not reported. */
#include <stdlib.h>
#include <string.h>

#include "rules/rule.h"
#include "rules/user_accesses.h"
#include "tool/strbuf.h"

/* The requestor mode to give UmaExceptionFilter, when the code has one. */
static const char *mode_of(const struct user_memory *memory, const struct um_access *access)
{
    const struct um_function *function = um_function_of(memory, access->function);
    if (function && function->mode_text)
        return function->mode_text;
    return access->is_mode_api ? "Mode" : NULL;
}

static const char *describe(const struct um_access *access)
{
    switch (access->kind) {
    case UM_ACCESS_PROBE: return "raises an exception for a bad user address";
    case UM_ACCESS_ACCESSOR: return "raises an exception for a bad user address";
    case UM_ACCESS_LIBRARY: return access->is_write && !access->is_read ? "writes user memory" : "reads user memory";
    default: return access->is_write && !access->is_read ? "writes user memory" : "reads user memory";
    }
}

static void report(struct rule_context *context, const struct um_access *access)
{
    const struct fact_node *node = access->node;
    const char *what = access->kind == UM_ACCESS_DEREF || access->kind == UM_ACCESS_STRUCT_COPY ? node->text
                                                                                                : access->api;
    const char *mode = mode_of(context->user_memory, access);
    char *handler = mode ? xasprintf("__except (UmaExceptionFilter(%s)) { return GetExceptionCode(); }", mode)
                         : xstrdup("__except (EXCEPTION_EXECUTE_HANDLER) { return GetExceptionCode(); }");
    char *message = xasprintf("'%s' %s outside __try/__except; an exception here is unhandled in kernel mode "
                              "and bugchecks the machine: wrap it in __try { ... } %s",
                              what, describe(access), handler);
    rule_report(context, node, context->rule->severity, message);
    free(message);
    free(handler);
}

static void check_access(struct rule_context *context, const struct um_access *access, void *data)
{
    const struct fact_node **last = data;
    if (access->guarded || access->node == *last)
        return;   /* the same node again: one call touching two user buffers, one finding */
    *last = access->node;
    report(context, access);
}

void rule_user_access_outside_try(struct rule_context *context)
{
    const struct fact_node *last = NULL;
    user_access_for_each(context, check_access, &last);
}
