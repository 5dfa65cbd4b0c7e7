/* baseline_run.c - the baseline options in a run (baseline_run.h). */
#include "baseline_run.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "baseline.h"
#include "fingerprint.h"
#include "paths.h"
#include "strbuf.h"

struct baseline_run {
    const struct options *options;
    const char *path;         /* the baseline file, as given */
    char *directory;          /* its directory, absolute: paths in it are relative to this */
    bool writing;             /* --write-baseline */
    struct baseline baseline; /* --baseline: as read */
};

static char *directory_of(const char *path)
{
    char *absolute = path_absolute(path, NULL);
    if (!absolute)
        return xstrdup("/");
    char *slash = strrchr(absolute, '/');
    if (slash == absolute)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    return absolute;
}

int baseline_run_open(const struct options *options, struct baseline_run **out, char *error, size_t error_size)
{
    *out = NULL;
    if (!options->baseline_path && !options->write_baseline_path)
        return 0;
    struct baseline_run *run = xcalloc(1, sizeof *run);
    run->options = options;
    run->writing = options->write_baseline_path != NULL;
    run->path = run->writing ? options->write_baseline_path : options->baseline_path;
    run->directory = directory_of(run->path);
    if (!run->writing) {
        size_t size = 0;
        char *text = atomic_read_file(run->path, &size, error, error_size);
        if (!text) {
            baseline_run_close(run);
            return -1;
        }
        unsigned line = 0;
        char reason[512];
        int status = baseline_parse(text, size, &run->baseline, &line, reason, sizeof reason);
        free(text);
        if (status != 0) {
            snprintf(error, error_size, "%s:%u: %s", run->path, line, reason);
            baseline_run_close(run);
            return -1;
        }
    }
    *out = run;
    return 0;
}

/* The key path of a file: relative to the baseline's directory. */
static char *key_path(const struct baseline_run *run, const char *file)
{
    char *absolute = path_absolute(file ? file : "", NULL);
    char *relative = path_relative_to(absolute ? absolute : "", run->directory);
    free(absolute);
    return relative;
}

/* Writes the baseline's text over `run->path` so that a reader sees the old
 * file or the new one, never a part. */
static int write_file(const struct baseline_run *run, const struct baseline *baseline, char *error,
                      size_t error_size)
{
    char *text = baseline_format(baseline);
    if (!text) {
        snprintf(error, error_size, "%s: cannot build the baseline (out of memory)", run->path);
        return -1;
    }
    struct stat original;
    char *target = realpath(run->path, NULL);
    if (!target || stat(target, &original) != 0) {
        /* A new file: the mode a plain creation would give. */
        free(target);
        target = xstrdup(run->path);
        memset(&original, 0, sizeof original);
        mode_t mask = umask(0);
        umask(mask);
        original.st_mode = S_IFREG | (0666 & ~mask);
        original.st_uid = geteuid();
        original.st_gid = getegid();
    } else if (!S_ISREG(original.st_mode)) {
        snprintf(error, error_size, "%s: not a regular file", run->path);
        free(target);
        free(text);
        return -1;
    }
    int status = atomic_replace_file(target, text, strlen(text), &original, NULL, NULL, error, error_size);
    free(target);
    free(text);
    return status;
}

static int write_baseline(struct baseline_run *run, struct finding_list *findings, struct finding_list *accepted_list,
                          FILE *notes, char *error, size_t error_size)
{
    struct baseline fresh = {NULL, 0};
    bool *dropped = xcalloc(findings->count + 1, sizeof *dropped);
    size_t accepted = 0;
    for (size_t i = 0; i < findings->count; i++) {
        const struct finding *finding = &findings->items[i];
        if (finding->suppressed)
            continue;
        char *path = key_path(run, finding->where.file);
        baseline_add(&fresh, finding->code, path, finding->fingerprint ? finding->fingerprint : "", 1,
                     finding->message);
        free(path);
        dropped[i] = true;
        accepted++;
    }
    int status = write_file(run, &fresh, error, error_size);
    if (status == 0) {
        fprintf(notes, "umalint: note: baseline: wrote %zu entr%s for %zu finding%s to %s\n", fresh.count,
                fresh.count == 1 ? "y" : "ies", accepted, accepted == 1 ? "" : "s", run->path);
        finding_list_take(findings, dropped, accepted_list);
    }
    free(dropped);
    baseline_free(&fresh);
    return status;
}

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static bool in_scope(const struct baseline_run *run, const struct baseline_entry *entry, char **scope,
                     size_t scope_count)
{
    for (size_t i = 0; i < scope_count; i++)
        if (strcmp(scope[i], entry->path) == 0)
            return true;
    /* A file that is gone cannot have its findings any more. */
    char *file = entry->path[0] == '/' ? xstrdup(entry->path) : xasprintf("%s/%s", run->directory, entry->path);
    struct stat info;
    bool gone = stat(file, &info) != 0;
    free(file);
    return gone;
}

static int match_baseline(struct baseline_run *run, struct finding_list *findings, struct finding_list *accepted,
                          const struct string_list *analysed, FILE *notes, char *error, size_t error_size)
{
    struct baseline *baseline = &run->baseline;
    char **keys = xcalloc(findings->count + 1, sizeof *keys);
    bool *dropped = xcalloc(findings->count + 1, sizeof *dropped);
    for (size_t i = 0; i < findings->count; i++)
        keys[i] = key_path(run, findings->items[i].where.file);
    /* Whole fingerprints first, then the line's own text (a neighbour was edited). */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < findings->count; i++) {
            const struct finding *finding = &findings->items[i];
            if (finding->suppressed || dropped[i])
                continue;
            for (size_t e = 0; e < baseline->count; e++) {
                struct baseline_entry *entry = &baseline->entries[e];
                if (entry->used >= entry->count || !same(entry->rule, finding->code) || !same(entry->path, keys[i]))
                    continue;
                if (pass == 0 ? !same(entry->fingerprint, finding->fingerprint)
                              : !same(fingerprint_line_part(entry->fingerprint),
                                      fingerprint_line_part(finding->fingerprint)))
                    continue;
                entry->used++;
                dropped[i] = true;
                break;
            }
        }
    /* Stale entries: unused counts for files this run looked at. */
    size_t scope_count = analysed->count + findings->count;
    char **scope = xcalloc(scope_count + 1, sizeof *scope);
    for (size_t i = 0; i < analysed->count; i++)
        scope[i] = key_path(run, analysed->items[i]);
    for (size_t i = 0; i < findings->count; i++)
        scope[analysed->count + i] = keys[i];
    size_t stale = 0;
    for (size_t e = 0; e < baseline->count; e++) {
        struct baseline_entry *entry = &baseline->entries[e];
        if (entry->used < entry->count && in_scope(run, entry, scope, scope_count)) {
            stale++;
            entry->count = entry->used;   /* what pruning keeps */
        }
    }
    int status = 0;
    if (run->options->prune_baseline) {
        if (stale == 0) {
            fprintf(notes, "umalint: note: baseline: nothing to prune in %s\n", run->path);
        } else {
            status = write_file(run, baseline, error, error_size);
            if (status == 0)
                fprintf(notes, "umalint: note: baseline: pruned %zu stale entr%s from %s\n", stale,
                        stale == 1 ? "y" : "ies", run->path);
        }
    } else if (stale > 0) {
        fprintf(notes, "umalint: note: baseline: %zu entr%s no longer match%s (run --prune-baseline)\n", stale,
                stale == 1 ? "y" : "ies", stale == 1 ? "es" : "");
    }
    size_t finding_count = findings->count;
    finding_list_take(findings, dropped, accepted);
    for (size_t i = 0; i < analysed->count; i++)
        free(scope[i]);
    free(scope);
    for (size_t i = 0; i < finding_count; i++)
        free(keys[i]);
    free(keys);
    free(dropped);
    return status;
}

int baseline_run_apply(struct baseline_run *run, struct finding_list *findings, struct finding_list *accepted,
                       const struct string_list *analysed, FILE *notes, char *error, size_t error_size)
{
    if (!run)
        return 0;
    if (run->writing)
        return write_baseline(run, findings, accepted, notes, error, error_size);
    return match_baseline(run, findings, accepted, analysed, notes, error, error_size);
}

void baseline_run_close(struct baseline_run *run)
{
    if (!run)
        return;
    free(run->directory);
    baseline_free(&run->baseline);
    free(run);
}
