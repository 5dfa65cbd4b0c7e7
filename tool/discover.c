/* discover.c - walks the given paths for C/C++ sources.
 *
 * Directory walks skip what cannot be analysed (unreadable entries, symlink
 * loops, special files) with a note and go on. A path named on the command
 * line that does not exist or cannot be read is an error. */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

struct visited_directory {
    dev_t device;
    ino_t inode;
};

struct walk_state {
    const struct options *options;
    struct discovery *discovery;
    size_t capacity;
    /* Directories on the current descent path, to detect symlink loops. */
    struct visited_directory *stack;
    size_t depth, stack_capacity;
};

int is_source_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    return strcmp(dot, ".c") == 0 || strcmp(dot, ".cc") == 0 || strcmp(dot, ".cpp") == 0 ||
           strcmp(dot, ".cxx") == 0;
}

static int is_header_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcmp(dot, ".h") == 0 || strcmp(dot, ".hpp") == 0 || strcmp(dot, ".hh") == 0);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

static int is_excluded(const struct options *options, const char *path)
{
    for (size_t i = 0; i < options->excludes.count; i++) {
        const char *glob = options->excludes.items[i];
        if (fnmatch(glob, path, 0) == 0 || fnmatch(glob, base_name(path), 0) == 0)
            return 1;
        /* "build" or "build/" excludes everything below a directory named so. */
        char *prefix = xasprintf("%s/*", glob);
        int below = fnmatch(prefix, path, 0) == 0;
        free(prefix);
        if (below)
            return 1;
    }
    return 0;
}

static void note(struct walk_state *state, const char *path, const char *reason)
{
    char *line = xasprintf("umalint: note: %s: skipped: %s", path, reason);
    string_list_add(&state->discovery->notes, line);
    free(line);
}

static void error(struct walk_state *state, const char *path, const char *reason)
{
    char *line = xasprintf("umalint: error: %s: %s", path, reason);
    string_list_add(&state->discovery->errors, line);
    free(line);
}

static void add_file(struct walk_state *state, const char *path, long long size)
{
    struct discovery *discovery = state->discovery;
    if (discovery->file_count == state->capacity) {
        state->capacity = state->capacity ? state->capacity * 2 : 64;
        discovery->files = xrealloc(discovery->files, state->capacity * sizeof *discovery->files);
    }
    discovery->files[discovery->file_count].path = xstrdup(path);
    discovery->files[discovery->file_count].size = size;
    discovery->file_count++;
}

static char *join(const char *directory, const char *name)
{
    size_t length = strlen(directory);
    if (length > 0 && directory[length - 1] == '/')
        return xasprintf("%s%s", directory, name);
    return xasprintf("%s/%s", directory, name);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_directory(struct walk_state *state, const char *path, const struct stat *info);

static void visit_entry(struct walk_state *state, const char *path, int named_on_command_line)
{
    struct stat info;
    if (stat(path, &info) != 0) {
        int was_link = 0;
        struct stat link_info;
        if (lstat(path, &link_info) == 0 && S_ISLNK(link_info.st_mode))
            was_link = 1;
        if (named_on_command_line)
            error(state, path, errno == ENOENT ? "no such file or directory" : strerror(errno));
        else if (errno == ELOOP)
            note(state, path, "symlink loop");
        else
            note(state, path, was_link ? "dangling symlink" : strerror(errno));
        return;
    }
    if (S_ISDIR(info.st_mode)) {
        walk_directory(state, path, &info);
        return;
    }
    if (!S_ISREG(info.st_mode)) {
        if (named_on_command_line || is_source_name(path))
            note(state, path, "not a regular file");
        return;
    }
    if (!is_source_name(path)) {
        if (named_on_command_line)
            note(state, path, is_header_name(path)
                                  ? "headers are analysed through the source files that include them"
                                  : "not a C or C++ source file (.c .cc .cpp .cxx)");
        return;
    }
    if (access(path, R_OK) != 0) {
        error(state, path, "cannot read the file: permission denied");
        return;
    }
    add_file(state, path, (long long)info.st_size);
}

static void walk_directory(struct walk_state *state, const char *path, const struct stat *info)
{
    for (size_t i = 0; i < state->depth; i++) {
        if (state->stack[i].device == info->st_dev && state->stack[i].inode == info->st_ino) {
            note(state, path, "symlink loop");
            return;
        }
    }
    DIR *directory = opendir(path);
    if (!directory) {
        if (state->depth == 0)
            error(state, path, "cannot read the directory: permission denied");
        else
            note(state, path, "cannot read the directory");
        return;
    }
    char **names = NULL;
    size_t count = 0, capacity = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 32;
            names = xrealloc(names, capacity * sizeof *names);
        }
        names[count++] = xstrdup(entry->d_name);
    }
    closedir(directory);
    if (count > 1)
        qsort(names, count, sizeof *names, compare_names);

    if (state->depth == state->stack_capacity) {
        state->stack_capacity = state->stack_capacity ? state->stack_capacity * 2 : 16;
        state->stack = xrealloc(state->stack, state->stack_capacity * sizeof *state->stack);
    }
    state->stack[state->depth].device = info->st_dev;
    state->stack[state->depth].inode = info->st_ino;
    state->depth++;
    for (size_t i = 0; i < count; i++) {
        char *child = join(path, names[i]);
        /* Hidden directories (.git, .cache) and Bazel output links hold no sources of the tree. */
        int skip = names[i][0] == '.' || strncmp(names[i], "bazel-", 6) == 0;
        if (!skip && !is_excluded(state->options, child))
            visit_entry(state, child, 0);
        free(child);
        free(names[i]);
    }
    state->depth--;
    free(names);
}

void discover_sources(const struct options *options, struct discovery *discovery)
{
    memset(discovery, 0, sizeof *discovery);
    struct walk_state state = {options, discovery, 0, NULL, 0, 0};
    for (size_t i = 0; i < options->paths.count; i++) {
        const char *path = options->paths.items[i];
        if (is_excluded(options, path))
            continue;
        visit_entry(&state, path, 1);
    }
    free(state.stack);
}

void discovery_free(struct discovery *discovery)
{
    for (size_t i = 0; i < discovery->file_count; i++)
        free(discovery->files[i].path);
    free(discovery->files);
    string_list_free(&discovery->notes);
    string_list_free(&discovery->errors);
    memset(discovery, 0, sizeof *discovery);
}
