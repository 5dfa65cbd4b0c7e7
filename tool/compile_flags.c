/* compile_flags.c - per-file compiler arguments.
 *
 * Compile databases are looked up once per directory and kept open for the
 * run; lookups are serialised by a mutex because libclang's database objects
 * are not documented as thread-safe. */
#include "compile_flags.h"

#include <clang-c/CXCompilationDatabase.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

struct database_entry {
    char *directory;                 /* where compile_commands.json lives */
    CXCompilationDatabase database;  /* NULL when the file is malformed */
};

struct directory_lookup {
    char *directory;                 /* a source directory already searched */
    int database_index;              /* index into databases, or -1 */
};

struct compile_flags {
    const struct options *options;
    char *shim_directory;
    int explicit_database;           /* -p given: index 0 of databases */
    pthread_mutex_t lock;
    struct database_entry *databases;
    size_t database_count;
    struct directory_lookup *lookups;
    size_t lookup_count;
};

static const char *const default_target_arguments[] = {
    "--target=x86_64-pc-windows-msvc", "-fms-extensions", "-fms-compatibility", "-D_AMD64_", "-D_WIN64",
};

static int database_file_exists(const char *directory)
{
    char *path = xasprintf("%s/compile_commands.json", directory);
    int exists = access(path, F_OK) == 0;
    free(path);
    return exists;
}

static int open_database(struct compile_flags *flags, const char *directory)
{
    CXCompilationDatabase_Error status = CXCompilationDatabase_NoError;
    CXCompilationDatabase database = clang_CompilationDatabase_fromDirectory(directory, &status);
    if (status != CXCompilationDatabase_NoError && database) {
        clang_CompilationDatabase_dispose(database);
        database = NULL;
    }
    flags->databases = xrealloc(flags->databases, (flags->database_count + 1) * sizeof *flags->databases);
    flags->databases[flags->database_count].directory = xstrdup(directory);
    flags->databases[flags->database_count].database = database;
    return (int)flags->database_count++;
}

struct compile_flags *compile_flags_create(const struct options *options, const char *shim_directory,
                                           char *error, size_t error_size)
{
    struct compile_flags *flags = xcalloc(1, sizeof *flags);
    flags->options = options;
    flags->shim_directory = xstrdup(shim_directory);
    pthread_mutex_init(&flags->lock, NULL);
    if (options->compile_database_dir) {
        if (!database_file_exists(options->compile_database_dir)) {
            snprintf(error, error_size, "%s: no compile_commands.json in this directory",
                     options->compile_database_dir);
            compile_flags_destroy(flags);
            return NULL;
        }
        int index = open_database(flags, options->compile_database_dir);
        if (!flags->databases[index].database) {
            snprintf(error, error_size, "%s/compile_commands.json: cannot load the compile database (malformed JSON?)",
                     options->compile_database_dir);
            compile_flags_destroy(flags);
            return NULL;
        }
        flags->explicit_database = 1;
    }
    return flags;
}

void compile_flags_destroy(struct compile_flags *flags)
{
    if (!flags)
        return;
    for (size_t i = 0; i < flags->database_count; i++) {
        if (flags->databases[i].database)
            clang_CompilationDatabase_dispose(flags->databases[i].database);
        free(flags->databases[i].directory);
    }
    for (size_t i = 0; i < flags->lookup_count; i++)
        free(flags->lookups[i].directory);
    free(flags->databases);
    free(flags->lookups);
    free(flags->shim_directory);
    pthread_mutex_destroy(&flags->lock);
    free(flags);
}

/* The configuration files' extra_args come before the command line's, so
 * the command line wins (a later -D replaces an earlier one). */
static void add_user_arguments(const struct compile_flags *flags, const struct string_list *config_args,
                               struct string_list *arguments)
{
#ifdef UMALINT_CLANG_RESOURCE_DIR
#define STRINGIFY_TOKENS(x) #x
#define STRINGIFY(x) STRINGIFY_TOKENS(x)
    /* libclang locates its builtin headers relative to where the shared
     * library was loaded from, which fails for distribution layouts that
     * install it outside LLVM's tree; name the directory explicitly. */
    if (access(STRINGIFY(UMALINT_CLANG_RESOURCE_DIR) "/include/stddef.h", F_OK) == 0) {
        string_list_add(arguments, "-resource-dir");
        string_list_add(arguments, STRINGIFY(UMALINT_CLANG_RESOURCE_DIR));
    }
#endif
    for (size_t i = 0; config_args && i < config_args->count; i++)
        string_list_add(arguments, config_args->items[i]);
    for (size_t i = 0; i < flags->options->compiler_args.count; i++)
        string_list_add(arguments, flags->options->compiler_args.items[i]);
    string_list_add(arguments, "-idirafter");
    string_list_add(arguments, flags->shim_directory);
    /* Only errors reach the user (UM0001): warnings would cost time (clang
     * builds a control-flow graph of every function for its flow warnings)
     * and a -Werror from the build would report them as parse errors,
     * though the syntax tree they leave is complete. Errors stay errors. */
    string_list_add(arguments, "-w");
}

static void default_arguments(const struct compile_flags *flags, const struct string_list *config_args,
                              struct string_list *arguments)
{
    for (size_t i = 0; i < sizeof default_target_arguments / sizeof default_target_arguments[0]; i++)
        string_list_add(arguments, default_target_arguments[i]);
    add_user_arguments(flags, config_args, arguments);
}

void compile_flags_default(const struct compile_flags *flags, struct string_list *arguments)
{
    default_arguments(flags, NULL, arguments);
}

/* The directory of the nearest compile_commands.json above `path`'s
 * directory, as an index into databases, or -1. Caller holds the lock. */
static int find_database_upward(struct compile_flags *flags, const char *path)
{
    char *absolute = realpath(path, NULL);
    if (!absolute)
        return -1;
    char *slash = strrchr(absolute, '/');
    if (slash)
        *slash = '\0';
    for (size_t i = 0; i < flags->lookup_count; i++) {
        if (strcmp(flags->lookups[i].directory, absolute) == 0) {
            free(absolute);
            return flags->lookups[i].database_index;
        }
    }
    int found = -1;
    char *directory = xstrdup(absolute);
    for (;;) {
        if (database_file_exists(*directory ? directory : "/")) {
            const char *where = *directory ? directory : "/";
            for (size_t i = 0; i < flags->database_count && found < 0; i++)
                if (strcmp(flags->databases[i].directory, where) == 0)
                    found = (int)i;
            if (found < 0)
                found = open_database(flags, where);
            break;
        }
        char *up = strrchr(directory, '/');
        if (!up || up == directory)
            break;
        *up = '\0';
    }
    free(directory);
    flags->lookups = xrealloc(flags->lookups, (flags->lookup_count + 1) * sizeof *flags->lookups);
    flags->lookups[flags->lookup_count].directory = absolute;
    flags->lookups[flags->lookup_count].database_index = found;
    flags->lookup_count++;
    return found;
}

static int is_same_file(const char *argument, const char *directory, const char *absolute_path)
{
    char *candidate = argument[0] == '/' ? xstrdup(argument) : xasprintf("%s/%s", directory, argument);
    char *resolved = realpath(candidate, NULL);
    int same = resolved && strcmp(resolved, absolute_path) == 0;
    free(resolved);
    free(candidate);
    return same;
}

/* Copies the database's arguments minus the compiler, the file itself and
 * output-only flags. */
static void arguments_from_command(CXCompileCommand command, const char *absolute_path,
                                   struct string_list *arguments, int *has_target)
{
    CXString directory_string = clang_CompileCommand_getDirectory(command);
    const char *directory = clang_getCString(directory_string);
    unsigned count = clang_CompileCommand_getNumArgs(command);
    for (unsigned i = 1; i < count; i++) {
        CXString argument_string = clang_CompileCommand_getArg(command, i);
        const char *argument = clang_getCString(argument_string);
        int skip_next = strcmp(argument, "-o") == 0 || strcmp(argument, "-MF") == 0 ||
                        strcmp(argument, "-MT") == 0 || strcmp(argument, "-MQ") == 0;
        int drop = skip_next || strcmp(argument, "-c") == 0 || strcmp(argument, "-MD") == 0 ||
                   strcmp(argument, "-MMD") == 0 || strcmp(argument, "--") == 0 ||
                   is_same_file(argument, directory, absolute_path);
        if (strncmp(argument, "--target=", 9) == 0 || strcmp(argument, "-target") == 0)
            *has_target = 1;
        if (!drop)
            string_list_add(arguments, argument);
        clang_disposeString(argument_string);
        if (skip_next)
            i++;
    }
    if (directory && *directory) {
        string_list_add(arguments, "-working-directory");
        string_list_add(arguments, directory);
    }
    clang_disposeString(directory_string);
}

int compile_flags_for(struct compile_flags *flags, const char *path, const struct string_list *config_args,
                      struct string_list *arguments, char *error, size_t error_size)
{
    pthread_mutex_lock(&flags->lock);
    int index = flags->explicit_database ? 0 : find_database_upward(flags, path);
    int status = 0, used_database = 0, has_target = 0;
    if (index >= 0 && !flags->databases[index].database) {
        snprintf(error, error_size, "%s/compile_commands.json: cannot load the compile database (malformed JSON?)",
                 flags->databases[index].directory);
        status = -1;
    } else if (index >= 0) {
        char *absolute = realpath(path, NULL);
        CXCompileCommands commands = absolute ? clang_CompilationDatabase_getCompileCommands(
                                                    flags->databases[index].database, absolute)
                                              : NULL;
        if (commands && clang_CompileCommands_getSize(commands) > 0) {
            arguments_from_command(clang_CompileCommands_getCommand(commands, 0), absolute, arguments,
                                   &has_target);
            used_database = 1;
        }
        if (commands)
            clang_CompileCommands_dispose(commands);
        free(absolute);
    }
    pthread_mutex_unlock(&flags->lock);
    if (status != 0)
        return status;
    if (!used_database) {
        default_arguments(flags, config_args, arguments);
        return 0;
    }
    if (!has_target)
        for (size_t i = 0; i < sizeof default_target_arguments / sizeof default_target_arguments[0]; i++)
            string_list_add(arguments, default_target_arguments[i]);
    add_user_arguments(flags, config_args, arguments);
    return 0;
}
