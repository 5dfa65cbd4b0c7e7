/* config_files.h - the .umalint.json files of a run: found from each
 * file's directory upward (the first one found; "inherit": true layers it
 * onto the next one up), or the one --config names, or none (--no-config);
 * each file is read and checked once, and every distinct configuration
 * becomes one struct file_settings. The command line applies after the
 * files: --checks globs follow the file's "checks", -I/-D/--extra-arg follow
 * its "extra_args", --user-param adds to its "user_params". */
#ifndef UMALINT_CONFIG_FILES_H
#define UMALINT_CONFIG_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "discover.h"
#include "file_settings.h"
#include "options.h"

#define CONFIG_FILE_NAME ".umalint.json"

struct config_set;

struct config_set *config_set_create(const struct options *options);
void config_set_destroy(struct config_set *set);

/* The settings for a source file, or for a directory (then its own
 * configuration file counts). *excluded tells whether the configuration's
 * "exclude" covers `path`. Returns NULL with a one-line reason
 * ("FILE:LINE: reason") in `error` when a configuration file is unreadable,
 * malformed or names unknown checks. */
const struct file_settings *config_set_settings(struct config_set *set, const char *path, bool is_directory,
                                                bool *excluded, char *error, size_t error_size);

/* Fills per_file[i] for discovery->files[i], after dropping the files the
 * configuration excludes. Each distinct error goes once into `errors`
 * (as "umalint: error: ..." lines); returns their count. */
size_t config_set_assign(struct config_set *set, struct discovery *discovery,
                         const struct file_settings ***per_file, struct string_list *errors);

/* --dump-config: the configuration in effect for `path` (command line
 * included) as a .umalint.json document on `out`, and the files it came
 * from as notes on `notes`. Returns 0, or -1 with a reason. */
int config_set_dump(struct config_set *set, const char *path, FILE *out, FILE *notes, char *error,
                    size_t error_size);

#endif
