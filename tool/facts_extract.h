/* facts_extract.h - the one traversal from a libclang translation unit to facts. */
#ifndef UMALINT_FACTS_EXTRACT_H
#define UMALINT_FACTS_EXTRACT_H

#include <clang-c/Index.h>

#include "facts.h"
#include "record_names.h"

/* Fills `facts` (already initialised) with every function defined outside
 * system headers. `display_path` is how the main file is shown to the user.
 * `inherited_names`: the record typedef names of the precompiled header
 * the unit was parsed with, whose declarations the unit's index does not
 * list (clang_createIndex's excludeDeclarationsFromPCH); NULL otherwise. */
void facts_extract(CXTranslationUnit unit, const char *display_path, const struct record_names *inherited_names,
                   struct facts *facts);

#endif
