/* main.c - umalint's entry point: options, discovery, analysis, report, and
 * the exit status (0 clean, 1 findings at the --fail-on level, 2 errors). */
#include <clang-c/Index.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline_run.h"
#include "cache.h"
#include "checks.h"
#include "compile_flags.h"
#include "config_files.h"
#include "discover.h"
#include "embedded_headers.h"
#include "file_settings.h"
#include "fix_apply.h"
#include "options.h"
#include "progress.h"
#include "outcome.h"
#include "report.h"
#include "report_destination.h"
#include "rules/registry.h"
#include "run.h"
#include "strbuf.h"
#include "version.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TOOL_ERROR = 2 };

/* "19.1.7" out of "Debian clang version 19.1.7 (3~deb12u1)". */
static char *libclang_version(void)
{
    CXString full = clang_getClangVersion();
    const char *text = clang_getCString(full);
    const char *marker = strstr(text, "version ");
    char *version = NULL;
    if (marker) {
        marker += 8;
        size_t length = strspn(marker, "0123456789.");
        version = xstrndup(marker, length);
    } else {
        version = xstrdup(text);
    }
    clang_disposeString(full);
    return version;
}

static int list_checks(const bool *enabled, enum output_format format)
{
    if (format == FORMAT_JSON)
        return write_checks_json(stdout, enabled) == 0 ? EXIT_CLEAN : EXIT_TOOL_ERROR;
    for (size_t i = 0; i < rule_registry_count; i++)
        if (enabled[i])
            printf("%s  %-28s %-8s %s\n", rule_registry[i].code, rule_registry[i].name,
                   severity_name(rule_registry[i].severity), rule_registry[i].summary);
    return EXIT_CLEAN;
}

static int explain(const char *code)
{
    const struct rule_info *rule = rule_find(code);
    if (!rule) {
        fprintf(stderr, "umalint: error: --explain: unknown check '%s' (see umalint --list-checks)\n", code);
        return EXIT_TOOL_ERROR;
    }
    fputs(rule->doc, stdout);
    return EXIT_CLEAN;
}

static bool use_color(const struct options *options, enum output_format format, FILE *out)
{
    if (format != FORMAT_TEXT || options->color == COLOR_NEVER)
        return false;
    if (options->color == COLOR_ALWAYS)
        return true;
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(out));
}

static int compare_source_paths(const void *a, const void *b)
{
    return strcmp(((const struct source_file *)a)->path, ((const struct source_file *)b)->path);
}

/* The same file named twice (a directory and a file inside it) is analysed once. */
static void sort_unique_files(struct discovery *discovery)
{
    if (discovery->file_count < 2)
        return;
    qsort(discovery->files, discovery->file_count, sizeof *discovery->files, compare_source_paths);
    size_t kept = 1;
    for (size_t i = 1; i < discovery->file_count; i++) {
        if (strcmp(discovery->files[kept - 1].path, discovery->files[i].path) == 0)
            free(discovery->files[i].path);
        else
            discovery->files[kept++] = discovery->files[i];
    }
    discovery->file_count = kept;
}

static unsigned default_jobs(void)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (unsigned)online : 1;
}

static void print_summary(const struct finding_list *findings, size_t files, size_t failed)
{
    size_t counts[3] = {0, 0, 0}, fixable = 0, suppressed = 0;
    for (size_t i = 0; i < findings->count; i++) {
        if (findings->items[i].suppressed) {
            suppressed++;
            continue;
        }
        counts[findings->items[i].severity]++;
        fixable += findings->items[i].fix_count > 0;
    }
    struct strbuf line = STRBUF_INIT;
    strbuf_append(&line, "umalint: ");
    if (findings->count == suppressed)
        strbuf_append(&line, "no findings");
    const char *names[3] = {"note", "warning", "error"};
    bool first = true;
    for (int severity = 2; severity >= 0; severity--) {
        if (!counts[severity])
            continue;
        strbuf_printf(&line, "%s%zu %s%s", first ? "" : ", ", counts[severity], names[severity],
                      counts[severity] == 1 ? "" : "s");
        first = false;
    }
    strbuf_printf(&line, " in %zu file%s", files, files == 1 ? "" : "s");
    if (fixable)
        strbuf_printf(&line, " (%zu with a suggested fix)", fixable);
    if (suppressed)
        strbuf_printf(&line, "; %zu suppressed inline", suppressed);
    if (failed)
        strbuf_printf(&line, "; %zu file%s could not be analysed", failed, failed == 1 ? "" : "s");
    fprintf(stderr, "%s\n", line.data);
    strbuf_free(&line);
}

/* Writes one report in `format` to `path` (NULL or "-": stdout). */
static int write_report(const struct options *options, enum output_format format, const char *path,
                        struct report *report)
{
    bool to_stdout = !path || strcmp(path, "-") == 0;
    FILE *out = stdout;
    if (!to_stdout) {
        out = fopen(path, "w");
        if (!out) {
            fprintf(stderr, "umalint: error: %s: cannot write the report: %s\n", path, strerror(errno));
            return -1;
        }
    }
    report->color = use_color(options, format, out);
    int status = 0;
    switch (format) {
    case FORMAT_TEXT: write_text(out, report); break;
    case FORMAT_GCC: write_gcc(out, report); break;
    case FORMAT_MSVC: write_msvc(out, report); break;
    case FORMAT_JSON: status = write_json(out, report); break;
    case FORMAT_JSONL: status = write_jsonl(out, report); break;
    case FORMAT_SARIF: status = write_sarif(out, report); break;
    case FORMAT_GITHUB: write_github(out, report); break;
    }
    if (fflush(out) != 0 || ferror(out))
        status = -1;
    if (!to_stdout && fclose(out) != 0)
        status = -1;
    if (status != 0)
        fprintf(stderr, "umalint: error: %s: cannot write the report\n", to_stdout ? "<stdout>" : path);
    return status;
}

/* The main report (--format, -o) unless main_report is false, then each
 * --report FORMAT:PATH, then --statistics. */
static int write_reports(const struct options *options, const struct finding_list *findings,
                         const struct finding_list *baselined, size_t files, bool execution_successful,
                         bool main_report)
{
    char *version = libclang_version();
    struct report report = {findings, files, version, false, execution_successful, baselined};
    int status = main_report ? write_report(options, options->format, options->output_path, &report) : 0;
    for (size_t i = 0; i < options->report_count; i++)
        if (write_report(options, options->reports[i].format, options->reports[i].path, &report) != 0)
            status = -1;
    if (options->statistics)
        write_statistics(stderr, &report);
    free(version);
    return status;
}

/* --dump-config and --list-checks describe the configuration of the first
 * path (a file or a directory), or of the working directory. */
static int describe_configuration(struct config_set *configs, const struct options *options)
{
    const char *path = options->paths.count ? options->paths.items[0] : ".";
    char error[2048];
    int status = 0;
    if (options->dump_config) {
        status = config_set_dump(configs, path, stdout, stderr, error, sizeof error);
    } else {
        struct stat info;
        bool excluded, is_directory = stat(path, &info) == 0 && S_ISDIR(info.st_mode);
        const struct file_settings *settings =
            config_set_settings(configs, path, is_directory, &excluded, error, sizeof error);
        status = settings ? list_checks(settings->enabled, options->format) : -1;
    }
    if (status != 0)
        fprintf(stderr, "umalint: error: %s\n", error);
    return status == 0 ? EXIT_CLEAN : EXIT_TOOL_ERROR;
}

static int run(const struct options *options)
{
    bool *enabled = xcalloc(rule_registry_count, sizeof *enabled);
    char error[1024];
    if (select_checks(options->checks, enabled, error, sizeof error) != 0) {
        fprintf(stderr, "umalint: error: %s\n", error);
        free(enabled);
        return EXIT_TOOL_ERROR;
    }
    if (check_globs_known("--warnings-as-errors", options->warnings_as_errors, error, sizeof error) != 0) {
        fprintf(stderr, "umalint: error: %s\n", error);
        free(enabled);
        return EXIT_TOOL_ERROR;
    }
    struct config_set *configs = config_set_create(options);
    if (options->list_checks || options->dump_config) {
        int status = describe_configuration(configs, options);
        config_set_destroy(configs);
        free(enabled);
        return status;
    }
    if (options->paths.count == 0) {
        fputs("umalint: error: no input paths (usage: umalint [options] PATH...; see --help)\n", stderr);
        config_set_destroy(configs);
        free(enabled);
        return EXIT_TOOL_ERROR;
    }
    bool writable = report_destination_writable(options->output_path, error, sizeof error);
    for (size_t i = 0; writable && i < options->report_count; i++)
        writable = report_destination_writable(options->reports[i].path, error, sizeof error);
    if (!writable) {
        fprintf(stderr, "umalint: error: %s\n", error);
        config_set_destroy(configs);
        free(enabled);
        return EXIT_TOOL_ERROR;
    }
    /* --baseline is read before the analysis: a bad file stops the run early. */
    struct baseline_run *baseline = NULL;
    if (baseline_run_open(options, &baseline, error, sizeof error) != 0) {
        fprintf(stderr, "umalint: error: %s\n", error);
        config_set_destroy(configs);
        free(enabled);
        return EXIT_TOOL_ERROR;
    }

    struct discovery discovery;
    discover_sources(options, &discovery);
    sort_unique_files(&discovery);
    for (size_t i = 0; i < discovery.notes.count; i++)
        fprintf(stderr, "%s\n", discovery.notes.items[i]);
    for (size_t i = 0; i < discovery.errors.count; i++)
        fprintf(stderr, "%s\n", discovery.errors.items[i]);
    int exit_status = discovery.errors.count ? EXIT_TOOL_ERROR : EXIT_CLEAN;
    if (discovery.file_count == 0 && discovery.errors.count == 0)
        fputs("umalint: note: no C or C++ source files found in the given paths\n", stderr);
    /* Each file's configuration (.umalint.json); a bad one stops the run. */
    const struct file_settings **per_file = NULL;
    struct string_list config_errors = {NULL, 0};
    if (config_set_assign(configs, &discovery, &per_file, &config_errors) > 0) {
        for (size_t i = 0; i < config_errors.count; i++)
            fprintf(stderr, "%s\n", config_errors.items[i]);
        string_list_free(&config_errors);
        free(per_file);
        baseline_run_close(baseline);
        config_set_destroy(configs);
        discovery_free(&discovery);
        free(enabled);
        return EXIT_TOOL_ERROR;
    }

    struct finding_list findings = {NULL, 0, 0};
    struct finding_list baselined = {NULL, 0, 0};   /* accepted by --baseline (SARIF shows them) */
    struct string_list analysed = {NULL, 0};   /* for the baseline's stale entries */
    size_t failed = 0;
    char *shim_directory = discovery.file_count ? embedded_headers_directory(error, sizeof error) : xstrdup("");
    struct compile_flags *flags = shim_directory ? compile_flags_create(options, shim_directory, error, sizeof error)
                                                 : NULL;
    if (!flags) {
        fprintf(stderr, "umalint: error: %s\n", error);
        exit_status = EXIT_TOOL_ERROR;
    } else {
        struct file_result *results = xcalloc(discovery.file_count + 1, sizeof *results);
        char *cache_directory = options->no_cache ? NULL
                                : options->cache_dir ? xstrdup(options->cache_dir)
                                                     : result_cache_default_directory();
        struct run_reuse reuse = {cache_directory, !options->no_pch,
                                  progress_wanted(options->quiet, discovery.file_count)};
        run_analysis_reusing(&discovery, flags, per_file, options->jobs ? options->jobs : default_jobs(), &reuse,
                             results);
        free(cache_directory);
        /* --fix, --diff, --export-fixes: after the analysis, before the report
         * (with --fix the fixed files are analysed again and the report shows
         * what remains). */
        struct fix_outcome fixed = {0, 0, 0};
        bool fixing = options->fix || options->diff || options->export_fixes;
        if (fixing) {
            struct fix_request request = {options->fix && !options->diff, options->diff, options->unsafe_fixes,
                                          options->export_fixes,
                                          &options->paths, shim_directory, &discovery, flags, per_file,
                                          options->jobs ? options->jobs : default_jobs()};
            fix_apply(&request, results, &fixed);
            if (fixed.errors)
                exit_status = EXIT_TOOL_ERROR;
        }
        for (size_t i = 0; i < discovery.file_count; i++) {
            if (results[i].error) {
                fprintf(stderr, "umalint: error: %s\n", results[i].error);
                failed++;
                exit_status = EXIT_TOOL_ERROR;
            } else {
                string_list_add(&analysed, discovery.files[i].path);
            }
            finding_list_move(&findings, &results[i].findings);
            file_result_free(&results[i]);
        }
        free(results);
        compile_flags_destroy(flags);
        finding_list_sort_unique(&findings);
        if (baseline_run_apply(baseline, &findings, &baselined, &analysed, stderr, error, sizeof error) != 0) {
            fprintf(stderr, "umalint: error: %s\n", error);
            exit_status = EXIT_TOOL_ERROR;
        }
        /* --diff owns stdout (a patch for `git apply`); the main report goes only to -o. */
        bool main_report = !options->diff || options->output_path;
        if (write_reports(options, &findings, baseline ? &baselined : NULL, discovery.file_count - failed,
                          exit_status == EXIT_CLEAN,
                          main_report) != 0)
            exit_status = EXIT_TOOL_ERROR;
        if (!options->quiet && fixing && (options->fix || options->diff))
            fprintf(stderr, "umalint: %zu fix%s %s in %zu file%s\n", fixed.fixes, fixed.fixes == 1 ? "" : "es",
                    options->diff ? "would be applied" : "applied", fixed.files, fixed.files == 1 ? "" : "s");
        if (!options->quiet)
            print_summary(&findings, discovery.file_count - failed, failed);
        struct fail_policy policy = {options->fail_on, options->max_warnings, options->exit_zero};
        if (exit_status == EXIT_CLEAN && options->diff)
            exit_status = fixed.fixes ? EXIT_FINDINGS : EXIT_CLEAN;   /* like ruff: 1 when there is a diff */
        else if (exit_status == EXIT_CLEAN && findings_fail_run(&findings, &policy))
            exit_status = EXIT_FINDINGS;
    }
    free(per_file);
    baseline_run_close(baseline);
    string_list_free(&analysed);
    config_set_destroy(configs);
    free(shim_directory);
    finding_list_free(&findings);
    finding_list_free(&baselined);
    discovery_free(&discovery);
    free(enabled);
    return exit_status;
}

/* `bazel run //tool:umalint -- PATH` starts in the runfiles tree; relative
 * paths mean the directory the user ran bazel from. */
static void enter_bazel_run_directory(void)
{
    const char *directory = getenv("BUILD_WORKING_DIRECTORY");
    if (directory && *directory && chdir(directory) != 0)
        fprintf(stderr, "umalint: note: %s: cannot enter BUILD_WORKING_DIRECTORY: %s\n", directory, strerror(errno));
}

int main(int argc, char **argv)
{
    struct options options;
    char error[1024];
    enter_bazel_run_directory();
    if (parse_options(argc, argv, &options, error, sizeof error) != 0) {
        fprintf(stderr, "umalint: error: %s\n", error);
        free_options(&options);
        return EXIT_TOOL_ERROR;
    }
    int status;
    if (options.show_help) {
        fputs(usage_text, stdout);
        status = EXIT_CLEAN;
    } else if (options.show_version) {
        char *version = libclang_version();
        printf("umalint %s (libclang %s)\n", UMALINT_VERSION, version);
        free(version);
        status = EXIT_CLEAN;
    } else if (options.explain) {
        status = explain(options.explain);
    } else {
        status = run(&options);
    }
    free_options(&options);
    return status;
}
