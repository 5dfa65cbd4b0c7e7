/* dependencies.h - the files a translation unit read, each with the hash of
 * the bytes libclang parsed. A cached result stays valid while all of them
 * still hash the same (tool/cache.c); a precompiled header records the
 * files it holds the same way (tool/pch.c). */
#ifndef UMALINT_DEPENDENCIES_H
#define UMALINT_DEPENDENCIES_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "hash128.h"

struct dependency {
    char *path;              /* as libclang names it */
    struct hash128 hash;
};

struct dependency_list {
    struct dependency *items;
    size_t count;
};

void dependency_list_add(struct dependency_list *list, const char *path, struct hash128 hash);
void dependency_list_append(struct dependency_list *to, const struct dependency_list *from);
void dependency_list_free(struct dependency_list *list);

/* Adds every file `unit` parsed itself except its main file (the cache key
 * holds that one). Files that came from a precompiled header are not
 * listed by libclang: add the header's own list. */
void dependencies_collect(CXTranslationUnit unit, struct dependency_list *list);

#endif
