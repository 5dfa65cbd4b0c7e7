/* config_files.c - discovery, loading, checking and layering of
 * .umalint.json files, and the settings each configuration gives.
 *
 * Everything here runs on the main thread before the analysis starts; the
 * workers only read the finished struct file_settings. Lookups are cached
 * per directory and per configuration file, so a tree of thousands of
 * files reads each .umalint.json once. */
#include "config_files.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "paths.h"
#include "printable.h"
#include "rules/registry.h"
#include "strbuf.h"

enum { MAX_CONFIG_BYTES = 1 << 20 };

/* An "exclude" glob and the directory it is relative to (its file's). */
struct exclude_rule {
    const char *glob;
    const char *base;
};

/* One configuration in effect: a chain of files layered, and what it makes. */
struct effective {
    struct config merged;                 /* the files, farthest first; not the command line */
    struct exclude_rule *excludes;
    size_t exclude_count;
    char **bases;                         /* storage for exclude_rule.base */
    size_t base_count;
    struct string_list sources;           /* shown paths, farthest first */
    bool *enabled;
    struct um_user_param *user_params;
    const char **origin_fields;
    struct file_settings settings;
    char *warnings_as_errors;             /* the files' globs, then --warnings-as-errors */
    char *error;                          /* the configuration cannot be used */
};

struct loaded_file {
    char *path;          /* absolute */
    char *directory;     /* absolute, without the trailing slash ("/" for the root) */
    char *shown;         /* as printed: relative to the working directory when below it */
    struct config config;
    char *error;         /* "shown:line: reason" when it could not be loaded */
    struct effective *effective;
};

struct directory_lookup {
    char *directory;
    struct loaded_file *nearest;   /* NULL: no configuration file above */
};

struct config_set {
    const struct options *options;
    char *working_directory;
    struct loaded_file **files;
    size_t file_count;
    struct directory_lookup *lookups;
    size_t lookup_count;
    struct effective *without_file;
    struct loaded_file *explicit_file;    /* --config FILE, once loaded */
};

struct config_set *config_set_create(const struct options *options)
{
    struct config_set *set = xcalloc(1, sizeof *set);
    set->options = options;
    set->working_directory = getcwd(NULL, 0);
    return set;
}

static char *shown_path(const struct config_set *set, const char *absolute)
{
    const char *cwd = set->working_directory;
    size_t length = cwd ? strlen(cwd) : 0;
    if (cwd && length > 1 && strncmp(absolute, cwd, length) == 0 && absolute[length] == '/')
        return xstrdup(absolute + length + 1);
    return xstrdup(absolute);
}

/* Configuration files are searched from the path as spelled, made
 * absolute, with no link resolved: a Bazel sandbox links each input to the
 * source tree, and the search must stay in the sandbox, where only
 * declared configuration files exist. */
static char *absolute_path(const struct config_set *set, const char *path)
{
    return path_absolute(path, set->working_directory);
}

static char *parent_directory(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* ---- one file ---------------------------------------------------------------- */

static bool glob_matches_a_rule(const char *glob)
{
    for (size_t i = 0; i < rule_registry_count; i++)
        if (fnmatch(glob, rule_registry[i].code, 0) == 0 || fnmatch(glob, rule_registry[i].name, 0) == 0)
            return true;
    return false;
}

/* Every glob of a --checks-style list must name at least one check: a typo
 * must not silently leave a check on (or off). */
static char *check_glob_list(const char *shown, unsigned line, const char *key, const char *globs)
{
    char *copy = xstrdup(globs);
    char *problem = NULL;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item && !problem;
         item = strtok_r(NULL, ",", &save)) {
        while (*item == ' ' || *item == '\t')
            item++;
        if (*item == '-')
            item++;
        while (*item == ' ' || *item == '\t')
            item++;
        char *end = item + strlen(item);
        while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
            *--end = '\0';
        if (*item && !glob_matches_a_rule(item)) {
            char *quoted = printable(item, 80);
            problem = xasprintf("%s:%u: \"%s\": '%s' matches no check (see umalint --list-checks)", shown, line,
                                key, quoted);
            free(quoted);
        }
    }
    free(copy);
    return problem;
}

static char *check_against_rules(const char *shown, const struct config *config)
{
    char *problem = NULL;
    if (config->checks)
        problem = check_glob_list(shown, config->checks_line, "checks", config->checks);
    if (!problem && config->warnings_as_errors)
        problem = check_glob_list(shown, config->warnings_as_errors_line, "warnings_as_errors",
                                  config->warnings_as_errors);
    for (size_t i = 0; !problem && i < config->severity_count; i++)
        if (!glob_matches_a_rule(config->severities[i].rule)) {
            char *quoted = printable(config->severities[i].rule, 80);
            problem = xasprintf("%s:%u: \"severity\": '%s' matches no check (see umalint --list-checks)", shown,
                                config->severities[i].line, quoted);
            free(quoted);
        }
    return problem;
}

static char *read_text(const char *path, size_t *size, char **problem)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        *problem = xasprintf("%s", errno == ENOENT ? "no such file" : strerror(errno));
        return NULL;
    }
    if (!S_ISREG(info.st_mode)) {
        *problem = xstrdup("not a regular file");
        return NULL;
    }
    if (info.st_size > MAX_CONFIG_BYTES) {
        *problem = xasprintf("too large for a configuration file (%lld bytes)", (long long)info.st_size);
        return NULL;
    }
    FILE *file = fopen(path, "rb");
    if (!file) {
        *problem = xasprintf("cannot read the file: %s", strerror(errno));
        return NULL;
    }
    char *text = xmalloc((size_t)info.st_size + 1);
    *size = fread(text, 1, (size_t)info.st_size + 1, file);
    bool failed = ferror(file) != 0;
    int saved = errno;
    fclose(file);
    if (failed || *size > (size_t)info.st_size) {
        *problem = failed ? xasprintf("cannot read the file: %s", strerror(saved))
                          : xstrdup("the file changed while it was read");
        free(text);
        return NULL;
    }
    text[*size] = '\0';
    return text;
}

/* Reads, parses and checks a configuration file once; later calls return
 * the same record (with its error, if it had one). */
static struct loaded_file *load(struct config_set *set, const char *absolute)
{
    for (size_t i = 0; i < set->file_count; i++)
        if (strcmp(set->files[i]->path, absolute) == 0)
            return set->files[i];
    struct loaded_file *file = xcalloc(1, sizeof *file);
    file->path = xstrdup(absolute);
    file->directory = parent_directory(absolute);
    file->shown = shown_path(set, absolute);
    set->files = xrealloc(set->files, (set->file_count + 1) * sizeof *set->files);
    set->files[set->file_count++] = file;

    size_t size = 0;
    char *problem = NULL;
    char *text = read_text(absolute, &size, &problem);
    if (!text) {
        file->error = xasprintf("%s: %s", file->shown, problem);
        free(problem);
        return file;
    }
    unsigned line = 0;
    char reason[512];
    if (config_parse(text, size, &file->config, &line, reason, sizeof reason) != 0)
        file->error = xasprintf("%s:%u: %s", file->shown, line, reason);
    else
        file->error = check_against_rules(file->shown, &file->config);
    free(text);
    return file;
}

/* The nearest configuration file in `directory` or above, or NULL. */
static struct loaded_file *nearest_in(struct config_set *set, const char *directory)
{
    for (size_t i = 0; i < set->lookup_count; i++)
        if (strcmp(set->lookups[i].directory, directory) == 0)
            return set->lookups[i].nearest;
    struct loaded_file *found = NULL;
    char *current = xstrdup(directory);
    for (;;) {
        char *candidate = strcmp(current, "/") == 0 ? xstrdup("/" CONFIG_FILE_NAME)
                                                    : xasprintf("%s/%s", current, CONFIG_FILE_NAME);
        struct stat info;
        bool exists = lstat(candidate, &info) == 0;
        if (exists)
            found = load(set, candidate);
        free(candidate);
        if (exists || strcmp(current, "/") == 0)
            break;
        char *up = parent_directory(current);
        free(current);
        current = up;
    }
    free(current);
    set->lookups = xrealloc(set->lookups, (set->lookup_count + 1) * sizeof *set->lookups);
    set->lookups[set->lookup_count++] = (struct directory_lookup){xstrdup(directory), found};
    return found;
}

/* ---- a configuration in effect ------------------------------------------------- */

static void add_excludes(struct effective *effective, const struct config *config, const char *base)
{
    effective->bases = xrealloc(effective->bases, (effective->base_count + 1) * sizeof *effective->bases);
    char *stored = xstrdup(base);
    effective->bases[effective->base_count++] = stored;
    size_t first = effective->merged.exclude.count - config->exclude.count;
    for (size_t i = 0; i < config->exclude.count; i++) {
        effective->excludes =
            xrealloc(effective->excludes, (effective->exclude_count + 1) * sizeof *effective->excludes);
        effective->excludes[effective->exclude_count++] =
            (struct exclude_rule){effective->merged.exclude.items[first + i], stored};
    }
}

/* What the merged files and the command line make: the file settings. */
static void finish(const struct config_set *set, struct effective *effective)
{
    const struct options *options = set->options;
    const struct config *merged = &effective->merged;
    effective->enabled = xcalloc(rule_registry_count + 1, sizeof *effective->enabled);
    char *checks = merged->checks && options->checks ? xasprintf("%s,%s", merged->checks, options->checks)
                   : merged->checks                  ? xstrdup(merged->checks)
                   : options->checks                 ? xstrdup(options->checks)
                                                     : NULL;
    char reason[1024];
    if (select_checks(checks, effective->enabled, reason, sizeof reason) != 0)
        effective->error = xasprintf("%s: no check is enabled by \"checks\" '%s'%s",
                                     effective->sources.count ? effective->sources.items[effective->sources.count - 1]
                                                              : "configuration",
                                     merged->checks ? merged->checks : "",
                                     options->checks ? " and --checks" : "");
    free(checks);

    size_t params = options->user_param_count + merged->user_param_count;
    effective->user_params = xcalloc(params + 1, sizeof *effective->user_params);
    for (size_t i = 0; i < options->user_param_count; i++)
        effective->user_params[i] = (struct um_user_param){options->user_params[i].function,
                                                           options->user_params[i].index};
    for (size_t i = 0; i < merged->user_param_count; i++)
        effective->user_params[options->user_param_count + i] =
            (struct um_user_param){merged->user_params[i].function, merged->user_params[i].index};
    effective->origin_fields = xcalloc(merged->origin_fields.count + 1, sizeof *effective->origin_fields);
    for (size_t i = 0; i < merged->origin_fields.count; i++)
        effective->origin_fields[i] = merged->origin_fields.items[i];

    struct file_settings *settings = &effective->settings;
    settings->enabled = effective->enabled;
    settings->user_memory = (struct user_memory_config){effective->user_params, params, effective->origin_fields,
                                                         merged->origin_fields.count};
    settings->inline_suppressions = !options->no_inline_suppressions;
    settings->extra_args = merged->extra_args.count ? &merged->extra_args : NULL;
    settings->severities = merged->severities;
    settings->severity_count = merged->severity_count;
    /* --warnings-as-errors applies after the files, as --checks does. */
    const char *from_files = merged->warnings_as_errors, *from_options = options->warnings_as_errors;
    effective->warnings_as_errors = from_files && from_options ? xasprintf("%s,%s", from_files, from_options)
                                    : from_files               ? xstrdup(from_files)
                                    : from_options             ? xstrdup(from_options)
                                                               : NULL;
    settings->warnings_as_errors = effective->warnings_as_errors;
}

static void free_effective(struct effective *effective)
{
    if (!effective)
        return;
    config_free(&effective->merged);
    free(effective->excludes);
    for (size_t i = 0; i < effective->base_count; i++)
        free(effective->bases[i]);
    free(effective->bases);
    string_list_free(&effective->sources);
    free(effective->enabled);
    free(effective->user_params);
    free(effective->origin_fields);
    free(effective->warnings_as_errors);
    free(effective->error);
    free(effective);
}

/* The configuration for files whose nearest file is `nearest` (NULL: none):
 * the chain of inheriting files above it, layered farthest first. */
static struct effective *effective_for(struct config_set *set, struct loaded_file *nearest, bool follow_inherit)
{
    if (!nearest) {
        if (!set->without_file) {
            set->without_file = xcalloc(1, sizeof *set->without_file);
            finish(set, set->without_file);
        }
        return set->without_file;
    }
    if (nearest->effective)
        return nearest->effective;
    struct effective *effective = xcalloc(1, sizeof *effective);
    nearest->effective = effective;
    struct loaded_file **chain = NULL;
    size_t length = 0;
    for (struct loaded_file *file = nearest; file;) {
        chain = xrealloc(chain, (length + 1) * sizeof *chain);
        chain[length++] = file;
        if (file->error) {
            effective->error = xstrdup(file->error);
            break;
        }
        if (!follow_inherit || !file->config.inherit || strcmp(file->directory, "/") == 0)
            break;
        char *up = parent_directory(file->directory);
        file = nearest_in(set, up);
        free(up);
    }
    if (!effective->error) {
        for (size_t i = length; i-- > 0;) {
            config_layer(&effective->merged, &chain[i]->config);
            add_excludes(effective, &chain[i]->config, chain[i]->directory);
            string_list_add(&effective->sources, chain[i]->shown);
        }
        finish(set, effective);
    }
    free(chain);
    return effective;
}

/* ---- excludes --------------------------------------------------------------------- */

static bool glob_excludes(const char *glob, const char *relative)
{
    while (*glob == '/')
        glob++;   /* "/gen": anchored at the configuration's directory, as "gen" with a slash */
    char *pattern = xstrdup(glob);
    size_t length = strlen(pattern);
    while (length > 0 && pattern[length - 1] == '/')
        pattern[--length] = '\0';
    bool excluded = false;
    if (!*pattern) {
        free(pattern);
        return false;
    }
    /* The path itself, or everything below a directory the glob names. */
    char *below = xasprintf("%s/*", pattern);
    excluded = fnmatch(pattern, relative, 0) == 0 || fnmatch(below, relative, 0) == 0;
    free(below);
    /* Without a slash, the glob names a file or directory at any depth. */
    if (!excluded && !strchr(glob, '/')) {
        char *copy = xstrdup(relative);
        for (char *save = NULL, *part = strtok_r(copy, "/", &save); part && !excluded;
             part = strtok_r(NULL, "/", &save))
            excluded = fnmatch(pattern, part, 0) == 0;
        free(copy);
    }
    free(pattern);
    return excluded;
}

static bool is_excluded(const struct effective *effective, const char *absolute)
{
    for (size_t i = 0; i < effective->exclude_count; i++) {
        const char *base = effective->excludes[i].base;
        size_t length = strlen(base);
        const char *relative = NULL;
        if (strcmp(base, "/") == 0)
            relative = absolute + 1;
        else if (strncmp(absolute, base, length) == 0 && absolute[length] == '/')
            relative = absolute + length + 1;
        if (relative && glob_excludes(effective->excludes[i].glob, relative))
            return true;
    }
    return false;
}

/* ---- the interface ------------------------------------------------------------------ */

static struct effective *configuration_of(struct config_set *set, const char *absolute, bool is_directory)
{
    const struct options *options = set->options;
    if (options->no_config)
        return effective_for(set, NULL, false);
    if (options->config_path) {
        if (!set->explicit_file) {
            struct stat info;
            char *resolved = stat(options->config_path, &info) == 0 ? absolute_path(set, options->config_path) : NULL;
            if (resolved) {
                set->explicit_file = load(set, resolved);
                free(resolved);
            } else {
                /* Record the failure once, under the name given. */
                set->explicit_file = xcalloc(1, sizeof *set->explicit_file);
                set->explicit_file->path = xstrdup(options->config_path);
                set->explicit_file->directory = xstrdup(".");
                set->explicit_file->shown = xstrdup(options->config_path);
                set->explicit_file->error = xasprintf("%s: %s", options->config_path,
                                                      errno == ENOENT ? "no such file" : strerror(errno));
                set->files = xrealloc(set->files, (set->file_count + 1) * sizeof *set->files);
                set->files[set->file_count++] = set->explicit_file;
            }
        }
        return effective_for(set, set->explicit_file, false);
    }
    char *directory = is_directory ? xstrdup(absolute) : parent_directory(absolute);
    struct loaded_file *nearest = nearest_in(set, directory);
    free(directory);
    return effective_for(set, nearest, true);
}

const struct file_settings *config_set_settings(struct config_set *set, const char *path, bool is_directory,
                                                bool *excluded, char *error, size_t error_size)
{
    *excluded = false;
    struct stat info;
    char *absolute = stat(path, &info) == 0 ? absolute_path(set, path) : NULL;
    if (!absolute) {
        snprintf(error, error_size, "%s: %s", path, errno == ENOENT ? "no such file or directory" : strerror(errno));
        return NULL;
    }
    struct effective *effective = configuration_of(set, absolute, is_directory);
    const struct file_settings *settings = NULL;
    if (effective->error) {
        snprintf(error, error_size, "%s", effective->error);
    } else {
        settings = &effective->settings;
        *excluded = !is_directory && is_excluded(effective, absolute);
    }
    free(absolute);
    return settings;
}

size_t config_set_assign(struct config_set *set, struct discovery *discovery,
                         const struct file_settings ***per_file, struct string_list *errors)
{
    *per_file = xcalloc(discovery->file_count + 1, sizeof **per_file);
    size_t error_count = 0, kept = 0;
    for (size_t i = 0; i < discovery->file_count; i++) {
        bool excluded = false;
        char error[2048];
        const struct file_settings *settings =
            config_set_settings(set, discovery->files[i].path, false, &excluded, error, sizeof error);
        if (!settings) {
            char *line = xasprintf("umalint: error: %s", error);
            bool seen = false;
            for (size_t e = 0; e < errors->count && !seen; e++)
                seen = strcmp(errors->items[e], line) == 0;
            if (!seen) {
                string_list_add(errors, line);
                error_count++;
            }
            free(line);
        }
        if (excluded) {
            free(discovery->files[i].path);
            continue;
        }
        (*per_file)[kept] = settings;
        discovery->files[kept++] = discovery->files[i];
    }
    discovery->file_count = kept;
    return error_count;
}

/* ---- --dump-config ------------------------------------------------------------------- */

static cJSON *string_array(const struct string_list *first, const struct string_list *second)
{
    cJSON *array = cJSON_CreateArray();
    for (size_t i = 0; first && i < first->count; i++)
        cJSON_AddItemToArray(array, cJSON_CreateString(first->items[i]));
    for (size_t i = 0; second && i < second->count; i++)
        cJSON_AddItemToArray(array, cJSON_CreateString(second->items[i]));
    return array;
}

int config_set_dump(struct config_set *set, const char *path, FILE *out, FILE *notes, char *error,
                    size_t error_size)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        snprintf(error, error_size, "%s: %s", path, errno == ENOENT ? "no such file or directory" : strerror(errno));
        return -1;
    }
    bool excluded;
    if (!config_set_settings(set, path, S_ISDIR(info.st_mode), &excluded, error, error_size))
        return -1;
    char *absolute = absolute_path(set, path);
    struct effective *effective = absolute ? configuration_of(set, absolute, S_ISDIR(info.st_mode)) : NULL;
    free(absolute);
    if (!effective) {
        snprintf(error, error_size, "%s: cannot resolve the path", path);
        return -1;
    }
    const struct options *options = set->options;
    const struct config *merged = &effective->merged;

    if (effective->sources.count == 0) {
        fprintf(notes, "umalint: note: no %s applies to %s\n", CONFIG_FILE_NAME, path);
    } else {
        struct strbuf line = STRBUF_INIT;
        for (size_t i = 0; i < effective->sources.count; i++)
            strbuf_printf(&line, "%s%s", i ? ", then " : "", effective->sources.items[i]);
        fprintf(notes, "umalint: note: configuration for %s: %s%s\n", path, line.data,
                excluded ? " (which excludes it)" : "");
        strbuf_free(&line);
    }

    cJSON *root = cJSON_CreateObject();
    char *checks = merged->checks && options->checks ? xasprintf("%s,%s", merged->checks, options->checks)
                   : merged->checks                  ? xstrdup(merged->checks)
                   : options->checks                 ? xstrdup(options->checks)
                                                     : xstrdup("*");
    cJSON_AddStringToObject(root, "checks", checks);
    free(checks);
    cJSON_AddStringToObject(root, "warnings_as_errors", merged->warnings_as_errors ? merged->warnings_as_errors : "");
    cJSON_AddItemToObject(root, "exclude", string_array(&merged->exclude, &options->excludes));
    cJSON_AddItemToObject(root, "extra_args", string_array(&merged->extra_args, &options->compiler_args));
    cJSON *severity = cJSON_AddObjectToObject(root, "severity");
    for (size_t i = 0; i < merged->severity_count; i++)
        cJSON_AddStringToObject(severity, merged->severities[i].rule, severity_name(merged->severities[i].severity));
    cJSON *params = cJSON_AddObjectToObject(root, "user_params");
    const struct user_memory_config *memory = &effective->settings.user_memory;
    for (size_t i = 0; i < memory->user_param_count; i++) {
        const char *function = memory->user_params[i].function;
        cJSON *indexes = cJSON_GetObjectItemCaseSensitive(params, function);
        if (!indexes)
            indexes = cJSON_AddArrayToObject(params, function);
        bool known = false;
        const cJSON *index;
        cJSON_ArrayForEach(index, indexes)
        {
            known |= (unsigned)index->valuedouble == memory->user_params[i].index;
        }
        if (!known)
            cJSON_AddItemToArray(indexes, cJSON_CreateNumber(memory->user_params[i].index));
    }
    cJSON_AddItemToObject(root, "origin_fields", string_array(&merged->origin_fields, NULL));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        snprintf(error, error_size, "--dump-config: out of memory");
        return -1;
    }
    fprintf(out, "%s\n", text);
    free(text);
    return 0;
}

void config_set_destroy(struct config_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->file_count; i++) {
        struct loaded_file *file = set->files[i];
        free(file->path);
        free(file->directory);
        free(file->shown);
        config_free(&file->config);
        free(file->error);
        free_effective(file->effective);
        free(file);
    }
    free(set->files);
    for (size_t i = 0; i < set->lookup_count; i++)
        free(set->lookups[i].directory);
    free(set->lookups);
    free_effective(set->without_file);
    free(set->working_directory);
    free(set);
}
