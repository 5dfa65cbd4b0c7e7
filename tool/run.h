/* run.h - analyse many files with a pool of worker threads, each with its
 * own CXIndex; the largest files go first so the pool ends together. */
#ifndef UMALINT_RUN_H
#define UMALINT_RUN_H

#include <stdbool.h>

#include "analyze.h"
#include "compile_flags.h"
#include "discover.h"

/* Analyses every discovered file with its settings (settings[i] for
 * discovery->files[i]); results[i] belongs to discovery->files[i]. */
void run_analysis(const struct discovery *discovery, struct compile_flags *flags,
                  const struct file_settings *const *settings, unsigned jobs, struct file_result *results);

#endif
