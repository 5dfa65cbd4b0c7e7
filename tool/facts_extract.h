/* facts_extract.h - the one traversal from a libclang translation unit to facts. */
#ifndef UMALINT_FACTS_EXTRACT_H
#define UMALINT_FACTS_EXTRACT_H

#include <clang-c/Index.h>

#include "facts.h"

/* Fills `facts` (already initialised) with every function defined outside
 * system headers. `display_path` is how the main file is shown to the user. */
void facts_extract(CXTranslationUnit unit, const char *display_path, struct facts *facts);

#endif
