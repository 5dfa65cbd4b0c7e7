/* options.c - command-line parsing: GNU-style long options (--opt=value or
 * --opt value), compiler-style -I/-D (attached or separate), -j N, and the
 * defaults read from the environment (UMALINT_OPTS, UMALINT_FORMAT). */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell_words.h"
#include "strbuf.h"

const char usage_text[] =
    "usage: umalint [options] PATH...\n"
    "\n"
    "Finds risky user-memory access in Windows kernel-driver C sources and\n"
    "suggests the user-mode accessor (usermode_accessors.h) to use instead.\n"
    "PATH is a source file or a directory (searched for .c .cc .cpp .cxx).\n"
    "\n"
    "Input:\n"
    "  --exclude GLOB         skip paths matching GLOB (repeatable)\n"
    "  -p DIR                 read compile_commands.json from DIR\n"
    "                         (default: searched upward from each file)\n"
    "  -I DIR, -D NAME[=V]    passed to the compiler\n"
    "  --extra-arg=ARG        any other compiler argument (repeatable)\n"
    "  --user-param=FUNC:N    parameter N (0-based) of FUNC holds a user pointer\n"
    "Checks:\n"
    "  --checks=GLOBS         comma-separated, ordered; '-' removes: '-*,UM2*'\n"
    "  --list-checks          list the enabled checks and exit (--format=json too)\n"
    "  --explain CODE         print the documentation of a check and exit\n"
    "  --no-inline-suppressions  ignore umalint-disable/NOLINT comments (audit)\n"
    "Configuration (.umalint.json, searched upward from each file):\n"
    "  --config FILE          use FILE for every file instead\n"
    "  --no-config            use no configuration file\n"
    "  --dump-config          print the configuration in effect for the first\n"
    "                         PATH (default: .) as JSON and exit\n"
    "Baseline (accept today's findings, report new ones):\n"
    "  --write-baseline FILE  write the findings to FILE; they no longer fail the run\n"
    "  --baseline FILE        drop the findings FILE accepts\n"
    "  --prune-baseline       with --baseline: rewrite FILE without stale entries\n"
    "Output:\n"
    "  --format=FMT           text (default), gcc, msvc, json, jsonl, sarif,\n"
    "                         github (Actions annotations); default $UMALINT_FORMAT\n"
    "  -o FILE                write the report to FILE instead of stdout\n"
    "  --report FMT:PATH      also write a FMT report to PATH (repeatable)\n"
    "  --statistics           findings and fixable findings per rule, on stderr\n"
    "  --color=WHEN           auto (default), always, never; honours NO_COLOR\n"
    "  -q, --quiet            no summary line on stderr\n"
    "  -j N                   parallel workers (default: online CPUs)\n"
    "Performance:\n"
    "  --cache-dir DIR        result cache (default: $XDG_CACHE_HOME/umalint/results)\n"
    "  --no-cache             neither read nor write the result cache\n"
    "  --no-pch               parse each file alone (no shared precompiled header)\n"
    "Fixes:\n"
    "  --fix                  apply the safe fixes in place\n"
    "  --unsafe-fixes         also apply fixes that may change behaviour\n"
    "  --diff                 print the fixes --fix would apply as a unified\n"
    "                         diff on stdout; write nothing\n"
    "  --export-fixes FILE    write the fixes as clang-tidy YAML for\n"
    "                         clang-apply-replacements\n"
    "  --version, --help\n"
    "Failing the run:\n"
    "  --fail-on=SEV          error, warning (default) or note: the lowest\n"
    "                         severity that makes the run exit 1\n"
    "  --max-warnings N       warnings fail the run only when more than N\n"
    "  --warnings-as-errors=GLOBS  warnings of matching checks become errors\n"
    "  --exit-zero            exit 0 even with findings (errors of the tool: 2)\n"
    "\n"
    "$UMALINT_OPTS is split into words like a shell does (quotes, backslashes; no\n"
    "expansions) and read before the arguments.\n"
    "Exit status: 0 no finding at the --fail-on level, 1 findings,\n"
    "2 usage error, unreadable input or internal error.\n";

const char output_format_names[] = "text, gcc, msvc, json, jsonl, sarif or github";

int parse_output_format(const char *name, enum output_format *format)
{
    static const struct {
        const char *name;
        enum output_format format;
    } formats[] = {
        {"text", FORMAT_TEXT},   {"gcc", FORMAT_GCC},     {"msvc", FORMAT_MSVC},     {"json", FORMAT_JSON},
        {"jsonl", FORMAT_JSONL}, {"sarif", FORMAT_SARIF}, {"github", FORMAT_GITHUB},
    };
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *format = formats[i].format;
            return 0;
        }
    }
    return -1;
}

void string_list_add(struct string_list *list, const char *text)
{
    list->items = xrealloc(list->items, (list->count + 1) * sizeof *list->items);
    list->items[list->count++] = xstrdup(text);
}

void string_list_free(struct string_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

/* Matches "--name" (value in the next argument) or "--name=value". */
static int long_option(const char *argument, const char *name, int *index, int argc, char **argv,
                       const char **value)
{
    size_t length = strlen(name);
    if (strncmp(argument, name, length) != 0)
        return 0;
    if (argument[length] == '=') {
        *value = argument + length + 1;
        return 1;
    }
    if (argument[length] != '\0')
        return 0;
    if (*index + 1 >= argc) {
        *value = NULL;
        return 1;
    }
    *value = argv[++*index];
    return 1;
}

/* Matches "-X value" or "-Xvalue". */
static int short_option(const char *argument, char letter, int *index, int argc, char **argv,
                        const char **value)
{
    if (argument[0] != '-' || argument[1] != letter)
        return 0;
    if (argument[2] != '\0') {
        *value = argument + 2;
        return 1;
    }
    *value = *index + 1 < argc ? argv[++*index] : NULL;
    return 1;
}

static int parse_jobs(const char *text, unsigned *jobs)
{
    if (!text || !*text)
        return -1;
    char *end;
    long value = strtol(text, &end, 10);
    if (*end != '\0' || value < 1 || value > 1024)
        return -1;
    *jobs = (unsigned)value;
    return 0;
}

static int parse_user_param(const char *text, struct options *options)
{
    const char *colon = text ? strrchr(text, ':') : NULL;
    if (!colon || colon == text || colon[1] == '\0')
        return -1;
    char *end;
    long index = strtol(colon + 1, &end, 10);
    if (*end != '\0' || index < 0 || index > 255)
        return -1;
    options->user_params =
        xrealloc(options->user_params, (options->user_param_count + 1) * sizeof *options->user_params);
    options->user_params[options->user_param_count].function = xstrndup(text, (size_t)(colon - text));
    options->user_params[options->user_param_count].index = (unsigned)index;
    options->user_param_count++;
    return 0;
}

/* --report FORMAT:PATH. The format comes first so PATH may hold colons. */
static int parse_report_target(const char *text, struct options *options)
{
    const char *colon = text ? strchr(text, ':') : NULL;
    if (!colon || colon[1] == '\0')
        return -1;
    char *name = xstrndup(text, (size_t)(colon - text));
    enum output_format format;
    int status = parse_output_format(name, &format);
    free(name);
    if (status != 0)
        return -1;
    options->reports = xrealloc(options->reports, (options->report_count + 1) * sizeof *options->reports);
    options->reports[options->report_count].format = format;
    options->reports[options->report_count].path = xstrdup(colon + 1);
    options->report_count++;
    return 0;
}

static int parse_severity(const char *text, enum severity *severity)
{
    if (!text)
        return -1;
    if (strcmp(text, "error") == 0)
        *severity = SEVERITY_ERROR;
    else if (strcmp(text, "warning") == 0)
        *severity = SEVERITY_WARNING;
    else if (strcmp(text, "note") == 0)
        *severity = SEVERITY_NOTE;
    else
        return -1;
    return 0;
}

static int parse_count(const char *text, long *count)
{
    if (!text || !*text)
        return -1;
    char *end;
    long value = strtol(text, &end, 10);
    if (*end != '\0' || value < 0 || value > 100000000L)
        return -1;
    *count = value;
    return 0;
}

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        snprintf(error, error_size, __VA_ARGS__);                                                  \
        return -1;                                                                                 \
    } while (0)

/* The argument loop; *position is the index of the argument being read, so
 * the caller can tell an error in $UMALINT_OPTS from one on the command line. */
static int parse_arguments(int argc, char **argv, struct options *options, bool *format_given, int *position,
                           char *error, size_t error_size)
{
    bool only_paths = false;
    for (int i = 1; i < argc; i++) {
        *position = i;
        const char *argument = argv[i];
        const char *value = NULL;
        if (only_paths || argument[0] != '-' || strcmp(argument, "-") == 0) {
            string_list_add(&options->paths, argument);
            continue;
        }
        if (strcmp(argument, "--") == 0) {
            only_paths = true;
        } else if (strcmp(argument, "--help") == 0 || strcmp(argument, "-h") == 0) {
            options->show_help = true;
        } else if (strcmp(argument, "--version") == 0 || strcmp(argument, "-V") == 0) {
            options->show_version = true;
        } else if (strcmp(argument, "--quiet") == 0 || strcmp(argument, "-q") == 0) {
            options->quiet = true;
        } else if (strcmp(argument, "--list-checks") == 0) {
            options->list_checks = true;
        } else if (strcmp(argument, "--fix") == 0) {   /* fixes: tool/fix_apply.h */
            options->fix = true;
        } else if (strcmp(argument, "--unsafe-fixes") == 0) {
            options->unsafe_fixes = true;
        } else if (strcmp(argument, "--diff") == 0) {
            options->diff = true;
        } else if (long_option(argument, "--export-fixes", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --export-fixes needs a file name");
            free(options->export_fixes);
            options->export_fixes = xstrdup(value);
        } else if (strcmp(argument, "--no-cache") == 0) {   /* performance: tool/cache.h, tool/pch.h */
            options->no_cache = true;
        } else if (strcmp(argument, "--no-pch") == 0) {
            options->no_pch = true;
        } else if (long_option(argument, "--cache-dir", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --cache-dir needs a directory");
            free(options->cache_dir);
            options->cache_dir = xstrdup(value);
        } else if (strcmp(argument, "--no-inline-suppressions") == 0) {
            options->no_inline_suppressions = true;
        } else if (strcmp(argument, "--no-config") == 0) {
            options->no_config = true;
        } else if (strcmp(argument, "--dump-config") == 0) {
            options->dump_config = true;
        } else if (strcmp(argument, "--prune-baseline") == 0) {
            options->prune_baseline = true;
        } else if (long_option(argument, "--baseline", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --baseline needs a baseline file (see --write-baseline)");
            free(options->baseline_path);
            options->baseline_path = xstrdup(value);
        } else if (long_option(argument, "--write-baseline", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --write-baseline needs a file name");
            free(options->write_baseline_path);
            options->write_baseline_path = xstrdup(value);
        } else if (long_option(argument, "--config", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --config needs a .umalint.json file");
            free(options->config_path);
            options->config_path = xstrdup(value);
        } else if (long_option(argument, "--explain", &i, argc, argv, &value)) {
            if (!value)
                FAIL("option --explain needs a check code, e.g. --explain UM2003");
            free(options->explain);
            options->explain = xstrdup(value);
        } else if (long_option(argument, "--exclude", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --exclude needs a glob");
            string_list_add(&options->excludes, value);
        } else if (long_option(argument, "--extra-arg", &i, argc, argv, &value)) {
            if (!value)
                FAIL("option --extra-arg needs an argument");
            string_list_add(&options->compiler_args, value);
        } else if (long_option(argument, "--user-param", &i, argc, argv, &value)) {
            if (parse_user_param(value, options) != 0)
                FAIL("option --user-param expects FUNCTION:INDEX, got '%s'", value ? value : "");
        } else if (long_option(argument, "--format", &i, argc, argv, &value)) {
            if (!value)
                FAIL("option --format needs a value: %s", output_format_names);
            if (parse_output_format(value, &options->format) != 0)
                FAIL("unknown format '%s' (expected %s)", value, output_format_names);
            *format_given = true;
        } else if (long_option(argument, "--report", &i, argc, argv, &value)) {
            if (parse_report_target(value, options) != 0)
                FAIL("option --report expects FORMAT:PATH with FORMAT one of %s, got '%s'", output_format_names,
                     value ? value : "");
        } else if (strcmp(argument, "--statistics") == 0) {
            options->statistics = true;
        } else if (strcmp(argument, "--exit-zero") == 0) {
            options->exit_zero = true;
        } else if (long_option(argument, "--fail-on", &i, argc, argv, &value)) {
            if (parse_severity(value, &options->fail_on) != 0)
                FAIL("option --fail-on expects error, warning or note, got '%s'", value ? value : "");
        } else if (long_option(argument, "--max-warnings", &i, argc, argv, &value)) {
            if (parse_count(value, &options->max_warnings) != 0)
                FAIL("option --max-warnings expects a number of warnings (0 or more), got '%s'", value ? value : "");
        } else if (long_option(argument, "--warnings-as-errors", &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option --warnings-as-errors needs a glob list, e.g. --warnings-as-errors='UM2*'");
            free(options->warnings_as_errors);
            options->warnings_as_errors = xstrdup(value);
        } else if (long_option(argument, "--checks", &i, argc, argv, &value)) {
            if (!value)
                FAIL("option --checks needs a glob list, e.g. --checks='-*,UM2*'");
            free(options->checks);
            options->checks = xstrdup(value);
        } else if (long_option(argument, "--color", &i, argc, argv, &value) ||
                   long_option(argument, "--colour", &i, argc, argv, &value)) {
            if (value && strcmp(value, "auto") == 0)
                options->color = COLOR_AUTO;
            else if (value && strcmp(value, "always") == 0)
                options->color = COLOR_ALWAYS;
            else if (value && strcmp(value, "never") == 0)
                options->color = COLOR_NEVER;
            else
                FAIL("option --color expects auto, always or never");
        } else if (strcmp(argument, "-o") == 0 || long_option(argument, "--output", &i, argc, argv, &value)) {
            if (strcmp(argument, "-o") == 0)
                value = i + 1 < argc ? argv[++i] : NULL;
            if (!value || !*value)
                FAIL("option -o needs a file name");
            free(options->output_path);
            options->output_path = xstrdup(value);
        } else if (short_option(argument, 'p', &i, argc, argv, &value)) {
            if (!value || !*value)
                FAIL("option -p needs a directory holding compile_commands.json");
            free(options->compile_database_dir);
            options->compile_database_dir = xstrdup(value);
        } else if (short_option(argument, 'j', &i, argc, argv, &value) ||
                   long_option(argument, "--jobs", &i, argc, argv, &value)) {
            if (parse_jobs(value, &options->jobs) != 0)
                FAIL("option -j expects a number of workers from 1 to 1024, got '%s'", value ? value : "");
        } else if (short_option(argument, 'I', &i, argc, argv, &value)) {
            if (!value)
                FAIL("option -I needs a directory");
            char *flag = xasprintf("-I%s", value);
            string_list_add(&options->compiler_args, flag);
            free(flag);
        } else if (short_option(argument, 'D', &i, argc, argv, &value)) {
            if (!value)
                FAIL("option -D needs a macro name");
            char *flag = xasprintf("-D%s", value);
            string_list_add(&options->compiler_args, flag);
            free(flag);
        } else {
            FAIL("unknown option '%s' (see umalint --help)", argument);
        }
    }
    if (options->config_path && options->no_config)
        FAIL("--config and --no-config contradict each other; give one");
    if (options->baseline_path && options->write_baseline_path)
        FAIL("--baseline and --write-baseline: give one (--write-baseline replaces the file; "
             "--prune-baseline drops stale entries)");
    if (options->prune_baseline && !options->baseline_path)
        FAIL("--prune-baseline needs --baseline FILE");
    return 0;
}

/* argv[0], the words of $UMALINT_OPTS (shell_words.h), then argv[1...].
 * The words are owned by *storage, which the caller frees with the vector.
 * -1 with the reason in `error` when $UMALINT_OPTS cannot be split. */
static int arguments_with_environment(int argc, char **argv, char ***combined_out, int *combined_count,
                                      int *environment_count, struct string_list *storage, char *error,
                                      size_t error_size)
{
    const char *environment = getenv("UMALINT_OPTS");
    if (environment && shell_words_split(environment, storage, error, error_size) != 0)
        return -1;
    char **combined = xmalloc(((size_t)argc + storage->count + 2) * sizeof *combined);
    int count = 0;
    combined[count++] = argc > 0 ? argv[0] : "umalint";
    for (size_t i = 0; i < storage->count; i++)
        combined[count++] = storage->items[i];
    *environment_count = count - 1;
    for (int i = 1; i < argc; i++)
        combined[count++] = argv[i];
    combined[count] = NULL;
    *combined_count = count;
    *combined_out = combined;
    return 0;
}

int parse_options(int argc, char **argv, struct options *options, char *error, size_t error_size)
{
    memset(options, 0, sizeof *options);
    options->fail_on = SEVERITY_WARNING;
    options->max_warnings = -1;
    int count, environment_count, position = 0;
    struct string_list storage = {NULL, 0};
    char **arguments = NULL;
    char reason[256];
    if (arguments_with_environment(argc, argv, &arguments, &count, &environment_count, &storage, reason,
                                   sizeof reason) != 0) {
        snprintf(error, error_size, "UMALINT_OPTS: %s", reason);
        string_list_free(&storage);
        return -1;
    }
    bool format_given = false;
    int status = parse_arguments(count, arguments, options, &format_given, &position, error, error_size);
    if (status != 0 && position >= 1 && position <= environment_count) {
        size_t length = strlen(error);
        snprintf(error + length, error_size - length, " (in UMALINT_OPTS)");
    }
    free(arguments);
    string_list_free(&storage);
    const char *environment_format = getenv("UMALINT_FORMAT");
    if (status == 0 && !format_given && environment_format && *environment_format &&
        parse_output_format(environment_format, &options->format) != 0) {
        snprintf(error, error_size, "UMALINT_FORMAT: unknown format '%s' (expected %s)", environment_format,
                 output_format_names);
        status = -1;
    }
    return status;
}

void free_options(struct options *options)
{
    string_list_free(&options->paths);
    string_list_free(&options->excludes);
    string_list_free(&options->compiler_args);
    free(options->compile_database_dir);
    free(options->output_path);
    free(options->checks);
    free(options->explain);
    free(options->config_path);
    free(options->baseline_path);
    free(options->write_baseline_path);
    free(options->cache_dir);
    for (size_t i = 0; i < options->user_param_count; i++)
        free(options->user_params[i].function);
    free(options->user_params);
    free(options->export_fixes);
    for (size_t i = 0; i < options->report_count; i++)
        free(options->reports[i].path);
    free(options->reports);
    free(options->warnings_as_errors);
    memset(options, 0, sizeof *options);
}
