/* dependencies.c - see dependencies.h. The hash is taken from libclang's
 * own buffer, so a header edited while the run is going is recorded as it
 * was parsed, and the next run sees the change. */
#include "dependencies.h"

#include <stdlib.h>

#include "strbuf.h"

void dependency_list_add(struct dependency_list *list, const char *path, struct hash128 hash)
{
    list->items = xrealloc(list->items, (list->count + 1) * sizeof *list->items);
    list->items[list->count].path = xstrdup(path);
    list->items[list->count].hash = hash;
    list->count++;
}

void dependency_list_append(struct dependency_list *to, const struct dependency_list *from)
{
    for (size_t i = 0; i < from->count; i++)
        dependency_list_add(to, from->items[i].path, from->items[i].hash);
}

void dependency_list_free(struct dependency_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i].path);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

struct collect_context {
    CXTranslationUnit unit;
    struct dependency_list *list;
};

static void visit_inclusion(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    struct collect_context *context = data;
    if (depth == 0)   /* the main file */
        return;
    size_t size = 0;
    const char *contents = clang_getFileContents(context->unit, file, &size);
    /* The real path where libclang has it: a name relative to a compile
     * database's working directory would not be found from ours. */
    CXString name = clang_File_tryGetRealPathName(file);
    const char *path = clang_getCString(name);
    if (!path || !*path) {
        clang_disposeString(name);
        name = clang_getFileName(file);
        path = clang_getCString(name);
    }
    if (path && *path)
        dependency_list_add(context->list, path, hash128_of(contents ? contents : "", contents ? size : 0));
    clang_disposeString(name);
}

void dependencies_collect(CXTranslationUnit unit, struct dependency_list *list)
{
    struct collect_context context = {unit, list};
    clang_getInclusions(unit, visit_inclusion, &context);
}
