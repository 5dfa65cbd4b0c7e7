/* file_settings.h - what governs the analysis of one file besides its
 * compiler arguments: which checks run, the declared user pointers, and
 * whether inline suppressions count. Files under different configuration
 * files get different settings; files that share one share the struct. */
#ifndef UMALINT_FILE_SETTINGS_H
#define UMALINT_FILE_SETTINGS_H

#include <stdbool.h>

#include "user_memory.h"

struct file_settings {
    const bool *enabled;                    /* per rule registry entry */
    struct user_memory_config user_memory;  /* --user-param and friends */
    bool inline_suppressions;               /* false under --no-inline-suppressions */
};

#endif
