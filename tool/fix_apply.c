/* fix_apply.c - --fix, --diff and --export-fixes (see fix_apply.h for the
 * guarantees). Each pass: plan the fixes, load and check every file they
 * touch, resolve overlaps, then export, print the diff or write; after
 * writing, re-parse, roll back what broke parsing and analyse again. */
#include "fix_apply.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "content_hash.h"
#include "fix_diff.h"
#include "fix_export.h"
#include "fix_plan.h"
#include "run.h"
#include "strbuf.h"

/* What fix_apply knows about each file of the plan (parallel to plan.files). */
struct file_state {
    char *contents;          /* the bytes as loaded (and checked against the parse) */
    size_t size;
    uint64_t parsed_hash;
    struct stat status;
    bool written;
    bool rolled_back;
};

struct fixer {
    const struct fix_request *request;
    struct file_result *results;
    struct fix_outcome *outcome;
    struct fix_plan plan;
    struct file_state *states;
    char *cwd;               /* resolved; NULL when unknown */
    char *shim;              /* resolved shim directory, or NULL */
    /* Per unit, as analysed before this pass: the resolved paths of its
     * parsed files (NULL where a path no longer resolves). */
    char ***unit_paths;
    size_t *unit_path_counts;
    /* Across passes: files not to touch again (refused once, or rolled
     * back), and every file changed so far. */
    struct string_list *frozen;
    struct string_list *changed;
};

static bool in_list(const struct string_list *list, const char *text)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i], text) == 0)
            return true;
    return false;
}

static char *resolve(const char *path)
{
    char resolved[PATH_MAX];
    return realpath(path, resolved) ? xstrdup(resolved) : NULL;
}

static void report_error(struct fixer *fixer, const char *path, const char *reason)
{
    fprintf(stderr, "umalint: error: %s: %s\n", path, reason);
    fixer->outcome->errors++;
}

/* ---- which files may be edited -------------------------------------------- */

static bool is_under(const char *path, const char *root)
{
    size_t length = strlen(root);
    if (strcmp(root, "/") == 0)
        return true;
    return strncmp(path, root, length) == 0 && (path[length] == '\0' || path[length] == '/');
}

/* Under the current directory or a command-line path (a directory, or the file itself). */
static bool is_in_tree(const struct fixer *fixer, const char *real_path)
{
    if (fixer->cwd && strcmp(fixer->cwd, "/") != 0 && is_under(real_path, fixer->cwd))
        return true;
    const struct string_list *roots = fixer->request->roots;
    for (size_t i = 0; roots && i < roots->count; i++) {
        char *root = resolve(roots->items[i]);
        bool inside = root && is_under(real_path, root);
        free(root);
        if (inside)
            return true;
    }
    return false;
}

/* The hash of the bytes libclang parsed; every unit that read the file
 * must have seen the same bytes. Returns -1 (reported) when they differ,
 * 0 when no unit recorded the file, 1 when *hash is set. */
static int parsed_hash_of(struct fixer *fixer, size_t file_index, uint64_t *hash)
{
    const struct plan_file *file = &fixer->plan.files[file_index];
    const struct discovery *discovery = fixer->request->discovery;
    int found = 0;
    for (size_t unit = 0; unit < discovery->file_count; unit++) {
        for (size_t i = 0; i < fixer->unit_path_counts[unit]; i++) {
            const char *real = fixer->unit_paths[unit][i];
            if (!real || strcmp(real, file->real_path) != 0)
                continue;
            uint64_t seen = fixer->results[unit].parsed_files[i].hash;
            if (found && seen != *hash) {
                report_error(fixer, file->path, "changed while it was being analysed; not fixed");
                return -1;
            }
            *hash = seen;
            found = 1;
        }
    }
    return found;
}

static void note_not_fixed(const struct plan_file *file, const char *reason)
{
    fprintf(stderr, "umalint: note: %s: not fixed: %s\n", file->path, reason);
}

/* Loads one file of the plan, or refuses it with a note or an error. */
static void check_and_load_file(struct fixer *fixer, size_t index)
{
    struct plan_file *file = &fixer->plan.files[index];
    struct file_state *state = &fixer->states[index];
    file->refused = true;
    if (fixer->shim && is_under(file->real_path, fixer->shim)) {
        note_not_fixed(file, "it is a bundled header");
        return;
    }
    if (file->real_path[0] != '/' || !is_in_tree(fixer, file->real_path)) {
        note_not_fixed(file, "it is outside the current directory and the paths given");
        return;
    }
    int known = parsed_hash_of(fixer, index, &state->parsed_hash);
    if (known < 0)
        return;
    if (known == 0) {
        note_not_fixed(file, "the analysis did not record its contents");
        return;
    }
    char error[PATH_MAX + 256];
    if (stat(file->real_path, &state->status) != 0) {
        snprintf(error, sizeof error, "cannot read the file: %s", strerror(errno));
        report_error(fixer, file->path, error);
        return;
    }
    if (!S_ISREG(state->status.st_mode)) {
        report_error(fixer, file->path, "not a regular file; not fixed");
        return;
    }
    /* Root may write anything; a file without the owner's write bit is
     * still someone's way of saying "do not edit". */
    if (fixer->request->write &&
        (!(state->status.st_mode & S_IWUSR) || access(file->real_path, W_OK) != 0)) {
        report_error(fixer, file->path, "the file is read-only; not fixed");
        return;
    }
    state->contents = atomic_read_file(file->real_path, &state->size, error, sizeof error);
    if (!state->contents) {
        fprintf(stderr, "umalint: error: %s\n", error);
        fixer->outcome->errors++;
        return;
    }
    if (content_hash(state->contents, state->size) != state->parsed_hash) {
        report_error(fixer, file->path, "changed since it was analysed; not fixed (run umalint again)");
        return;
    }
    file->contents = state->contents;
    file->size = state->size;
    file->refused = false;
}

/* A refused file is reported once, not once per pass. */
static void load_file(struct fixer *fixer, size_t index)
{
    struct plan_file *file = &fixer->plan.files[index];
    if (in_list(fixer->frozen, file->real_path)) {
        file->refused = true;
        return;
    }
    check_and_load_file(fixer, index);
    if (file->refused)
        string_list_add(fixer->frozen, file->real_path);
}

/* ---- writing ---------------------------------------------------------------- */

struct precommit {
    const char *path;        /* as shown */
    const char *real_path;
    uint64_t expected_hash;
};

/* Right before the rename: the file must still hold the bytes we planned
 * against (an editor may have saved it since we loaded it). */
static int verify_unchanged(void *data, char *error, size_t error_size)
{
    const struct precommit *check = data;
    /* TEST HOOK (tool/tests/fix_test.sh): UMALINT_TEST_MODIFY_BEFORE_WRITE=1
     * appends a newline to the file here, as an editor saving at the worst
     * moment would, so the test can see the change refused. */
    const char *hook = getenv("UMALINT_TEST_MODIFY_BEFORE_WRITE");
    if (hook && strcmp(hook, "1") == 0) {
        FILE *file = fopen(check->real_path, "a");
        if (file) {
            fputc('\n', file);
            fclose(file);
        }
    }
    size_t size = 0;
    char reason[PATH_MAX + 256];
    char *now = atomic_read_file(check->real_path, &size, reason, sizeof reason);
    if (!now) {
        snprintf(error, error_size, "%s", reason);
        return -1;
    }
    bool same = content_hash(now, size) == check->expected_hash;
    free(now);
    if (!same) {
        snprintf(error, error_size, "%s: changed since it was analysed; not fixed (run umalint again)", check->path);
        return -1;
    }
    return 0;
}

static void write_file(struct fixer *fixer, size_t index)
{
    struct plan_file *file = &fixer->plan.files[index];
    struct file_state *state = &fixer->states[index];
    size_t size = 0;
    char *fixed = fix_plan_apply_edits(file, &size);
    struct precommit check = {file->path, file->real_path, state->parsed_hash};
    char error[PATH_MAX + 256];
    if (atomic_replace_file(file->real_path, fixed, size, &state->status, verify_unchanged, &check, error,
                            sizeof error) != 0) {
        fprintf(stderr, "umalint: error: %s\n", error);
        fixer->outcome->errors++;
    } else {
        state->written = true;
    }
    free(fixed);
}

/* ---- re-analysis and rollback ------------------------------------------------ */

static bool unit_read_file(const struct fixer *fixer, size_t unit, const char *real_path)
{
    for (size_t i = 0; i < fixer->unit_path_counts[unit]; i++)
        if (fixer->unit_paths[unit][i] && strcmp(fixer->unit_paths[unit][i], real_path) == 0)
            return true;
    return false;
}

/* Units that read a file for which want(state) holds. */
static size_t units_reading(const struct fixer *fixer, bool (*want)(const struct file_state *), bool *selected)
{
    size_t count = 0;
    for (size_t unit = 0; unit < fixer->request->discovery->file_count; unit++) {
        selected[unit] = false;
        for (size_t f = 0; f < fixer->plan.file_count && !selected[unit]; f++)
            if (want(&fixer->states[f]) && unit_read_file(fixer, unit, fixer->plan.files[f].real_path))
                selected[unit] = true;
        count += selected[unit];
    }
    return count;
}

static bool was_written(const struct file_state *state) { return state->written; }

/* Analyses the selected units again into fresh[unit]. */
static void reanalyse(const struct fixer *fixer, const bool *selected, struct file_result *fresh)
{
    const struct discovery *all = fixer->request->discovery;
    struct discovery subset;
    memset(&subset, 0, sizeof subset);
    subset.files = xcalloc(all->file_count, sizeof *subset.files);
    size_t *units = xcalloc(all->file_count, sizeof *units);
    for (size_t unit = 0; unit < all->file_count; unit++)
        if (selected[unit]) {
            units[subset.file_count] = unit;
            subset.files[subset.file_count++] = all->files[unit];
        }
    const struct file_settings **settings = xcalloc(all->file_count + 1, sizeof *settings);
    for (size_t i = 0; i < subset.file_count; i++)
        settings[i] = fixer->request->settings[units[i]];
    struct file_result *results = xcalloc(subset.file_count, sizeof *results);
    run_analysis(&subset, fixer->request->flags, settings, fixer->request->jobs, results);
    free(settings);
    for (size_t i = 0; i < subset.file_count; i++) {
        file_result_free(&fresh[units[i]]);
        fresh[units[i]] = results[i];
    }
    free(results);
    free(units);
    free(subset.files);
}

/* Parses the unit again (no facts, no rules) and counts its errors;
 * -1 when it cannot be parsed or its flags cannot be loaded. */
static long parse_errors_now(const struct fixer *fixer, CXIndex index, size_t unit)
{
    struct string_list arguments = {NULL, 0};
    char error[1024];
    unsigned errors = 0;
    long result = -1;
    if (compile_flags_for(fixer->request->flags, fixer->request->discovery->files[unit].path,
                          fixer->request->settings[unit]->extra_args, &arguments, error, sizeof error) == 0 &&
        count_file_parse_errors(index, fixer->request->discovery->files[unit].path, &arguments, &errors) == 0)
        result = errors;
    string_list_free(&arguments);
    return result;
}

/* The re-parse of every selected unit, spread over request->jobs threads
 * (each with its own CXIndex, like the analysis). */
struct reparse_pool {
    const struct fixer *fixer;
    const bool *selected;
    long *errors;              /* per unit */
    size_t unit_count;
    atomic_size_t next;
};

static void *reparse_worker(void *data)
{
    struct reparse_pool *pool = data;
    CXIndex index = clang_createIndex(0, 0);
    for (;;) {
        size_t unit = atomic_fetch_add(&pool->next, 1);
        if (unit >= pool->unit_count)
            break;
        if (pool->selected[unit])
            pool->errors[unit] = parse_errors_now(pool->fixer, index, unit);
    }
    clang_disposeIndex(index);
    return NULL;
}

static void reparse_selected(const struct fixer *fixer, const bool *selected, size_t selected_count, long *errors)
{
    struct reparse_pool pool = {fixer, selected, errors, fixer->request->discovery->file_count, 0};
    atomic_init(&pool.next, 0);
    unsigned jobs = fixer->request->jobs ? fixer->request->jobs : 1;
    if (jobs > selected_count)
        jobs = (unsigned)selected_count;
    pthread_t *threads = xcalloc(jobs, sizeof *threads);
    unsigned started = 0;
    for (unsigned i = 1; i < jobs; i++)
        if (pthread_create(&threads[started], NULL, reparse_worker, &pool) == 0)
            started++;
    reparse_worker(&pool);   /* this thread works too */
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
}

static void roll_back(struct fixer *fixer, size_t unit, long errors_now)
{
    const char *unit_path = fixer->request->discovery->files[unit].path;
    for (size_t f = 0; f < fixer->plan.file_count; f++) {
        struct file_state *state = &fixer->states[f];
        const struct plan_file *file = &fixer->plan.files[f];
        if (!state->written || state->rolled_back || !unit_read_file(fixer, unit, file->real_path))
            continue;
        char error[PATH_MAX + 256];
        if (atomic_replace_file(file->real_path, state->contents, state->size, &state->status, NULL, NULL, error,
                                sizeof error) != 0) {
            fprintf(stderr, "umalint: error: %s (while rolling back a fix that broke parsing)\n", error);
            fixer->outcome->errors++;
            continue;
        }
        state->rolled_back = true;
        string_list_add(fixer->frozen, file->real_path);
        char *reason;
        if (errors_now < 0)
            reason = xasprintf("fixes rolled back: %s could not be parsed after fixing", unit_path);
        else
            reason = xasprintf("fixes rolled back: they raised the parse errors of %s from %u to %ld", unit_path,
                               fixer->results[unit].parse_error_count, errors_now);
        report_error(fixer, file->path, reason);
        free(reason);
    }
}

/* Every unit that read a written file is parsed again; a unit with more
 * errors than before gets the files it read restored. Then those units are
 * analysed again so the report describes the files as they now are. */
static void check_written_files(struct fixer *fixer)
{
    size_t unit_count = fixer->request->discovery->file_count;
    bool *selected = xcalloc(unit_count, sizeof *selected);
    size_t selected_count = units_reading(fixer, was_written, selected);
    if (selected_count > 0) {
        long *errors_now = xcalloc(unit_count, sizeof *errors_now);
        reparse_selected(fixer, selected, selected_count, errors_now);
        for (size_t unit = 0; unit < unit_count; unit++) {
            bool broken = errors_now[unit] < 0 || errors_now[unit] > (long)fixer->results[unit].parse_error_count;
            if (selected[unit] && broken)
                roll_back(fixer, unit, errors_now[unit]);
        }
        free(errors_now);
        struct file_result *fresh = xcalloc(unit_count, sizeof *fresh);
        reanalyse(fixer, selected, fresh);
        for (size_t unit = 0; unit < unit_count; unit++) {
            if (selected[unit]) {
                file_result_free(&fixer->results[unit]);
                fixer->results[unit] = fresh[unit];
            }
        }
        free(fresh);
    }
    free(selected);
}

/* ---- the test hook for rollbacks ------------------------------------------------ */

/* TEST HOOK (tool/tests/fix_test.sh): UMALINT_TEST_BREAK_FIX=1 appends ')'
 * to every replacement, so the fixed file stops parsing and the rollback
 * can be observed. */
static char *break_replacement(const char *replacement)
{
    return xasprintf("%s)", replacement);
}

/* ---- driver ------------------------------------------------------------------------ */

/* The path to print in diff headers: relative to the current directory
 * when the file is below it, so `git apply` run there finds it. */
static const char *diff_path(const struct fixer *fixer, const struct plan_file *file)
{
    if (fixer->cwd && strcmp(fixer->cwd, "/") != 0 && is_under(file->real_path, fixer->cwd) &&
        file->real_path[strlen(fixer->cwd)] == '/')
        return file->real_path + strlen(fixer->cwd) + 1;
    return file->path;
}

static void export_fixes(struct fixer *fixer)
{
    const struct discovery *discovery = fixer->request->discovery;
    char *main_source = discovery->file_count == 1 ? resolve(discovery->files[0].path) : NULL;
    char error[PATH_MAX + 256];
    if (fix_export_write(fixer->request->export_path, &fixer->plan, main_source ? main_source : "",
                         fixer->cwd ? fixer->cwd : "", error, sizeof error) != 0) {
        fprintf(stderr, "umalint: error: %s\n", error);
        fixer->outcome->errors++;
    }
    free(main_source);
}

/* One pass: plan the fixes the current results offer, then export, print
 * the diff or write and check. Returns the number of files written and
 * kept. */
static size_t fix_pass(const struct fix_request *request, struct file_result *results, struct fix_outcome *outcome,
                       struct string_list *frozen, struct string_list *changed, bool first_pass, bool last_pass)
{
    struct fixer fixer = {request, results, outcome, {0}, NULL, NULL, NULL, NULL, NULL, frozen, changed};
    fix_plan_init(&fixer.plan);
    char cwd[PATH_MAX];
    fixer.cwd = getcwd(cwd, sizeof cwd) ? resolve(cwd) : NULL;
    fixer.shim = request->shim_directory && *request->shim_directory ? resolve(request->shim_directory) : NULL;

    size_t unit_count = request->discovery->file_count;
    fixer.unit_paths = xcalloc(unit_count, sizeof *fixer.unit_paths);
    fixer.unit_path_counts = xcalloc(unit_count, sizeof *fixer.unit_path_counts);
    for (size_t unit = 0; unit < unit_count; unit++) {
        const struct file_result *result = &results[unit];
        fixer.unit_paths[unit] = xcalloc(result->parsed_file_count, sizeof **fixer.unit_paths);
        fixer.unit_path_counts[unit] = result->parsed_file_count;
        for (size_t i = 0; i < result->parsed_file_count; i++)
            fixer.unit_paths[unit][i] = resolve(result->parsed_files[i].path);
        for (size_t i = 0; i < result->findings.count; i++) {
            const struct finding *finding = &result->findings.items[i];
            if (!finding->suppressed && (finding->fix_is_safe || request->unsafe))
                fix_plan_add(&fixer.plan, finding);
        }
    }
    fix_plan_prepare(&fixer.plan);
    fixer.states = xcalloc(fixer.plan.file_count, sizeof *fixer.states);
    for (size_t i = 0; i < fixer.plan.file_count; i++)
        load_file(&fixer, i);
    const char *break_hook = getenv("UMALINT_TEST_BREAK_FIX");
    fix_plan_resolve(&fixer.plan, break_hook && strcmp(break_hook, "1") == 0 ? break_replacement : NULL);

    if (request->export_path && first_pass)
        export_fixes(&fixer);
    for (size_t i = 0; i < fixer.plan.file_count; i++) {
        const struct plan_file *file = &fixer.plan.files[i];
        if (file->refused || file->edit_count == 0)
            continue;
        if (request->diff) {
            char *diff = fix_diff_text(diff_path(&fixer, file), file);
            fputs(diff, stdout);
            free(diff);
        } else if (request->write) {
            write_file(&fixer, i);
        }
    }
    if (request->write)
        check_written_files(&fixer);
    size_t kept = 0;
    for (size_t i = 0; i < fixer.plan.file_count; i++) {
        const struct plan_file *file = &fixer.plan.files[i];
        bool counts = request->diff ? !file->refused && file->edit_count > 0
                                    : fixer.states[i].written && !fixer.states[i].rolled_back;
        if (counts) {
            kept++;
            outcome->fixes += file->fix_count;
            if (!in_list(changed, file->real_path))
                string_list_add(changed, file->real_path);
        }
    }
    /* A dropped fix may well be applied by the next pass; say so only when
     * there will be none. */
    if (kept == 0 || last_pass)
        for (size_t i = 0; i < fixer.plan.notes.count; i++)
            fprintf(stderr, "%s\n", fixer.plan.notes.items[i]);

    for (size_t i = 0; i < fixer.plan.file_count; i++)
        free(fixer.states[i].contents);
    free(fixer.states);
    for (size_t unit = 0; unit < unit_count; unit++) {
        for (size_t i = 0; i < fixer.unit_path_counts[unit]; i++)
            free(fixer.unit_paths[unit][i]);
        free(fixer.unit_paths[unit]);
    }
    free(fixer.unit_paths);
    free(fixer.unit_path_counts);
    fix_plan_free(&fixer.plan);
    free(fixer.cwd);
    free(fixer.shim);
    return kept;
}

/* A fix can reveal another (a corrected sizeof turns a copy into a struct
 * copy with its own fix), so --fix repeats passes until one changes
 * nothing: a second run then has nothing left to do. The bound only
 * guards against two fixes undoing each other forever. */
enum { MAX_FIX_PASSES = 10 };

void fix_apply(const struct fix_request *request, struct file_result *results, struct fix_outcome *outcome)
{
    memset(outcome, 0, sizeof *outcome);
    /* A full disk or RLIMIT_FSIZE must fail write() with an error we report
     * (EFBIG), not kill the process with SIGXFSZ halfway through. */
    signal(SIGXFSZ, SIG_IGN);
    struct string_list frozen = {NULL, 0}, changed = {NULL, 0};
    for (int pass = 0; pass < MAX_FIX_PASSES; pass++) {
        bool only_one = request->diff || !request->write;
        size_t kept = fix_pass(request, results, outcome, &frozen, &changed, pass == 0,
                               only_one || pass == MAX_FIX_PASSES - 1);
        if (only_one || kept == 0)
            break;
    }
    outcome->files = changed.count;
    string_list_free(&frozen);
    string_list_free(&changed);
}
