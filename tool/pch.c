/* pch.c - see pch.h. Files for one precompiled header, under DIR/pch:
 *   KEY.h     the include lines (never rewritten: clang checks its mtime)
 *   KEY.pch   the precompiled header
 *   KEY.json  {"dependencies": [{"path", "hash"}]}: every header it holds
 * KEY hashes umalint's and libclang's versions, the language, the
 * arguments and the include lines. */
#include "pch.h"

#include <cjson/cJSON.h>
#include <clang-c/Index.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash128.h"
#include "monotonic_clock.h"
#include "strbuf.h"
#include "version.h"

struct pch_store {
    char *directory;              /* DIR/pch or the temporary directory (NULL until the first build) */
    bool is_temporary;
    struct file_digests *digests;
    CXIndex index;                /* for building and trial parses; created on first use */
    struct pch **built;           /* every header handed out, owned here */
    size_t built_count;
    struct string_list created;   /* files to remove with a temporary directory */
    pthread_mutex_t lock;         /* built and created, while headers are built in parallel */
    size_t new_count, reused_count;   /* headers built by this run, and found on disk */
};

static int make_directories(const char *path)
{
    char *copy = xstrdup(path);
    int status = 0;
    for (char *p = copy + 1; *p && status == 0; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        status = mkdir(copy, 0755) == 0 || errno == EEXIST ? 0 : -1;
        *p = '/';
    }
    if (status == 0)
        status = mkdir(copy, 0755) == 0 || errno == EEXIST ? 0 : -1;
    free(copy);
    return status;
}

struct pch_store *pch_store_create(const char *cache_directory, struct file_digests *digests)
{
    struct pch_store *store = xcalloc(1, sizeof *store);
    store->digests = digests;
    pthread_mutex_init(&store->lock, NULL);
    if (cache_directory)
        store->directory = xasprintf("%s/pch", cache_directory);
    else
        store->is_temporary = true;
    return store;
}

/* The private directory of a run without a cache, made when first needed. */
static bool make_temporary_directory(struct pch_store *store)
{
    if (store->directory)
        return true;
    const char *temporary = getenv("TMPDIR");
    char *template = xasprintf("%s/umalint-pch-XXXXXX", temporary && *temporary ? temporary : "/tmp");
    if (!mkdtemp(template)) {
        free(template);
        return false;
    }
    store->directory = template;
    return true;
}

static struct pch *pch_new(const char *path, size_t line_count)
{
    struct pch *pch = xcalloc(1, sizeof *pch);
    pch->path = xstrdup(path);
    pch->line_count = line_count;
    arena_init(&pch->record_name_strings);
    record_names_init(&pch->record_names, &pch->record_name_strings, NULL);
    return pch;
}

static void pch_free(struct pch *pch)
{
    record_names_free(&pch->record_names);
    arena_free(&pch->record_name_strings);
    free(pch->path);
    dependency_list_free(&pch->dependencies);
    free(pch);
}

void pch_store_destroy(struct pch_store *store)
{
    if (!store)
        return;
    for (size_t i = 0; i < store->built_count; i++)
        pch_free(store->built[i]);
    free(store->built);
    if (store->is_temporary && store->directory) {
        for (size_t i = 0; i < store->created.count; i++)
            unlink(store->created.items[i]);
        rmdir(store->directory);
    }
    string_list_free(&store->created);
    if (store->index)
        clang_disposeIndex(store->index);
    pthread_mutex_destroy(&store->lock);
    free(store->directory);
    free(store);
}

/* ---- files ---------------------------------------------------------------- */

static int write_new_file(const char *path, const char *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t written = write(fd, data + done, size - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        done += (size_t)written;
    }
    if (close(fd) != 0) {
        unlink(path);
        return -1;
    }
    return 0;
}

static void remember_created(struct pch_store *store, const char *path)
{
    pthread_mutex_lock(&store->lock);
    string_list_add(&store->created, path);
    pthread_mutex_unlock(&store->lock);
}

static char *temporary_name(const char *path)
{
    static atomic_uint counter;
    return xasprintf("%s.tmp.%ld.%u", path, (long)getpid(), atomic_fetch_add(&counter, 1));
}

/* Creates `path` with `data` unless it exists (its mtime must not change
 * under a header another run built from it). */
static int install_once(struct pch_store *store, const char *path, const char *data)
{
    if (access(path, F_OK) == 0)
        return 0;
    char *temporary = temporary_name(path);
    int status = write_new_file(temporary, data, strlen(data));
    if (status == 0) {
        status = link(temporary, path) == 0 || errno == EEXIST ? 0 : -1;
        unlink(temporary);
    }
    free(temporary);
    if (status == 0 && store->is_temporary)
        remember_created(store, path);
    return status;
}

/* Atomically replaces `path` with `data`. */
static int install_replacing(struct pch_store *store, const char *path, const char *data)
{
    char *temporary = temporary_name(path);
    int status = write_new_file(temporary, data, strlen(data));
    if (status == 0 && rename(temporary, path) != 0) {
        unlink(temporary);
        status = -1;
    }
    free(temporary);
    if (status == 0 && store->is_temporary)
        remember_created(store, path);
    return status;
}

/* ---- keys and manifests ----------------------------------------------------- */

static char *key_base(const struct pch_store *store, const struct string_list *arguments, bool cplusplus,
                      const struct string_list *lines, size_t line_count)
{
    struct hasher hasher;
    hasher_init(&hasher);
    hasher_update_string(&hasher, "umalint-pch-1");
    hasher_update_string(&hasher, UMALINT_VERSION);
    CXString version = clang_getClangVersion();
    hasher_update_string(&hasher, clang_getCString(version));
    clang_disposeString(version);
    hasher_update_u64(&hasher, cplusplus);
    hasher_update_u64(&hasher, arguments->count);
    for (size_t i = 0; i < arguments->count; i++)
        hasher_update_string(&hasher, arguments->items[i]);
    hasher_update_u64(&hasher, line_count);
    for (size_t i = 0; i < line_count; i++)
        hasher_update_string(&hasher, lines->items[i]);
    char hex[33];
    hash128_to_hex(hasher_final(&hasher), hex);
    return xasprintf("%s/%s", store->directory, hex);
}

static char *manifest_text(const struct pch *pch)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *list = cJSON_AddArrayToObject(root, "dependencies");
    for (size_t i = 0; i < pch->dependencies.count; i++) {
        char hex[33];
        hash128_to_hex(pch->dependencies.items[i].hash, hex);
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "path", pch->dependencies.items[i].path);
        cJSON_AddStringToObject(item, "hash", hex);
        cJSON_AddItemToArray(list, item);
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    return text;
}

/* Reads KEY.json into `pch` when every header in it still has its recorded content. */
static bool read_manifest(struct pch_store *store, const char *manifest_path, struct pch *pch)
{
    size_t size = 0;
    char *text = file_digest_read(manifest_path, &size);
    if (!text)
        return false;
    cJSON *root = cJSON_ParseWithLength(text, size);
    free(text);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "dependencies");
    bool valid = cJSON_IsArray(list);
    const cJSON *item;
    if (valid) {
        cJSON_ArrayForEach(item, list) {
            const cJSON *path = cJSON_GetObjectItemCaseSensitive(item, "path");
            const cJSON *hash = cJSON_GetObjectItemCaseSensitive(item, "hash");
            struct hash128 recorded, current;
            if (!cJSON_IsString(path) || !cJSON_IsString(hash) ||
                hash128_from_hex(hash->valuestring, &recorded) != 0 ||
                file_digests_get(store->digests, path->valuestring, &current) != 0 ||
                !hash128_equal(recorded, current)) {
                valid = false;
                break;
            }
            dependency_list_add(&pch->dependencies, path->valuestring, recorded);
        }
    }
    cJSON_Delete(root);
    return valid;
}

/* ---- building and checking ---------------------------------------------------- */

static CXIndex store_index(struct pch_store *store)
{
    if (!store->index)
        store->index = clang_createIndex(0, 0);
    return store->index;
}

static bool has_errors(CXTranslationUnit unit)
{
    unsigned count = clang_getNumDiagnostics(unit);
    bool errors = false;
    for (unsigned i = 0; i < count && !errors; i++) {
        CXDiagnostic diagnostic = clang_getDiagnostic(unit, i);
        errors = clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error;
        clang_disposeDiagnostic(diagnostic);
    }
    return errors;
}

/* Would libclang accept the header for a file with these arguments? An
 * empty in-memory file is parsed with it; when it is accepted, the record
 * names are collected from that unit (all of its declarations are the
 * header's). */
static bool trial_parse(CXIndex index, const char *base, const struct string_list *arguments, bool cplusplus,
                        const char *pch_path, struct record_names *record_names)
{
    struct string_list with_pch = {NULL, 0};
    for (size_t i = 0; i < arguments->count; i++)
        string_list_add(&with_pch, arguments->items[i]);
    string_list_add(&with_pch, "-include-pch");
    string_list_add(&with_pch, pch_path);
    char *probe = xasprintf("%s-probe.%s", base, cplusplus ? "cpp" : "c");
    struct CXUnsavedFile empty = {probe, "", 0};
    CXTranslationUnit unit = NULL;
    enum CXErrorCode status = clang_parseTranslationUnit2(index, probe,
                                                          (const char *const *)with_pch.items, (int)with_pch.count,
                                                          &empty, 1, CXTranslationUnit_None, &unit);
    bool accepted = status == CXError_Success && unit && !has_errors(unit);
    if (accepted)
        record_names_collect(record_names, unit);
    if (unit)
        clang_disposeTranslationUnit(unit);
    free(probe);
    string_list_free(&with_pch);
    return accepted;
}

struct guard_check {
    CXTranslationUnit unit;
    bool all_guarded;
};

/* A header included straight from the prefix is entered again by the
 * file's own #include; only a guard makes that a no-op. */
static void check_guard(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
    (void)stack;
    struct guard_check *check = data;
    if (depth == 1 && !clang_isFileMultipleIncludeGuarded(check->unit, file))
        check->all_guarded = false;
}

static bool build(struct pch_store *store, CXIndex index, const char *base, const struct string_list *arguments,
                  bool cplusplus, const struct string_list *lines, size_t line_count, struct pch *pch)
{
    if (make_directories(store->directory) != 0)
        return false;
    struct strbuf header = STRBUF_INIT;
    strbuf_append(&header, "/* umalint: shared include lines, precompiled once per run (tool/pch.c) */\n");
    for (size_t i = 0; i < line_count; i++)
        strbuf_printf(&header, "%s\n", lines->items[i]);
    char *header_path = xasprintf("%s.h", base);
    int status = install_once(store, header_path, header.data);
    strbuf_free(&header);
    if (status != 0) {
        free(header_path);
        return false;
    }

    struct string_list build_arguments = {NULL, 0};
    for (size_t i = 0; i < arguments->count; i++)
        string_list_add(&build_arguments, arguments->items[i]);
    string_list_add(&build_arguments, "-x");
    string_list_add(&build_arguments, cplusplus ? "c++-header" : "c-header");
    CXTranslationUnit unit = NULL;
    enum CXErrorCode parse_status = clang_parseTranslationUnit2(
        index, header_path, (const char *const *)build_arguments.items, (int)build_arguments.count,
        NULL, 0, CXTranslationUnit_ForSerialization | CXTranslationUnit_Incomplete, &unit);
    string_list_free(&build_arguments);
    free(header_path);
    if (parse_status != CXError_Success || !unit)
        return false;

    bool usable = !has_errors(unit);
    struct guard_check guards = {unit, true};
    if (usable) {
        clang_getInclusions(unit, check_guard, &guards);
        usable = guards.all_guarded;
    }
    if (usable) {
        dependencies_collect(unit, &pch->dependencies);
        record_names_collect(&pch->record_names, unit);
        char *temporary = temporary_name(pch->path);
        usable = clang_saveTranslationUnit(unit, temporary, clang_defaultSaveOptions(unit)) == CXSaveError_None &&
                 rename(temporary, pch->path) == 0;
        if (!usable)
            unlink(temporary);
        else if (store->is_temporary)
            remember_created(store, pch->path);
        free(temporary);
    }
    clang_disposeTranslationUnit(unit);
    if (usable) {
        char *manifest_path = xasprintf("%s.json", base);
        char *text = manifest_text(pch);
        usable = text && install_replacing(store, manifest_path, text) == 0;
        free(text);
        free(manifest_path);
    }
    return usable;
}

/* A valid header for these include lines: reused from disk, or built when
 * `may_build`. NULL when none can be had. Safe to call from several threads
 * at once, each with its own `index`, once the directory exists. */
static const struct pch *obtain(struct pch_store *store, CXIndex index, const struct string_list *arguments,
                                bool cplusplus, const struct string_list *lines, size_t line_count, bool may_build)
{
    if (line_count == 0 || (store->is_temporary && (!may_build || !make_temporary_directory(store))))
        return NULL;
    char *base = key_base(store, arguments, cplusplus, lines, line_count);
    char *pch_path = xasprintf("%s.pch", base);
    struct pch *pch = pch_new(pch_path, line_count);
    free(pch_path);
    char *manifest_path = xasprintf("%s.json", base);
    bool ready = access(pch->path, R_OK) == 0 && read_manifest(store, manifest_path, pch) &&
                 trial_parse(index, base, arguments, cplusplus, pch->path, &pch->record_names);
    free(manifest_path);
    bool reused = ready;
    if (!ready && may_build) {
        dependency_list_free(&pch->dependencies);
        ready = build(store, index, base, arguments, cplusplus, lines, line_count, pch);
    }
    free(base);
    if (!ready) {
        pch_free(pch);
        return NULL;
    }
    pthread_mutex_lock(&store->lock);
    if (reused)
        store->reused_count++;
    else
        store->new_count++;
    store->built = xrealloc(store->built, (store->built_count + 1) * sizeof *store->built);
    store->built[store->built_count++] = pch;
    pthread_mutex_unlock(&store->lock);
    return pch;
}

/* ---- choosing prefixes -------------------------------------------------------- */

static int compare_lists(const struct string_list *a, const struct string_list *b)
{
    size_t count = a->count < b->count ? a->count : b->count;
    for (size_t i = 0; i < count; i++) {
        int order = strcmp(a->items[i], b->items[i]);
        if (order)
            return order;
    }
    return a->count < b->count ? -1 : a->count > b->count;
}

static int compare_groups(const struct pch_request *a, const struct pch_request *b)
{
    if (a->cplusplus != b->cplusplus)
        return a->cplusplus ? 1 : -1;
    return compare_lists(a->arguments, b->arguments);
}

static const struct pch_request *sort_requests;

static int by_group_then_prefix(const void *left, const void *right)
{
    const struct pch_request *a = &sort_requests[*(const size_t *)left];
    const struct pch_request *b = &sort_requests[*(const size_t *)right];
    int order = compare_groups(a, b);
    return order ? order : compare_lists(a->prefix, b->prefix);
}

static bool starts_with(const struct string_list *prefix, const struct string_list *lines, size_t line_count)
{
    if (prefix->count < line_count)
        return false;
    for (size_t i = 0; i < line_count; i++)
        if (strcmp(prefix->items[i], lines->items[i]) != 0)
            return false;
    return true;
}

/* Within one group (sorted by prefix), the longest include prefix shared
 * by at least half of the group's files: returns its length and, in
 * *model, a request that has it. */
static size_t shared_prefix(const struct pch_request *requests, const size_t *group, size_t group_size,
                            size_t *model, size_t *users)
{
    size_t chosen = 0;
    *model = group[0];
    *users = 0;
    for (size_t depth = 1;; depth++) {
        /* Sorted by prefix, files sharing the first `depth` lines are adjacent. */
        size_t best_start = 0, best_count = 0;
        for (size_t start = 0; start < group_size;) {
            const struct pch_request *first = &requests[group[start]];
            size_t end = start + 1;
            if (first->prefix->count >= depth) {
                while (end < group_size && starts_with(requests[group[end]].prefix, first->prefix, depth))
                    end++;
                if (end - start > best_count) {
                    best_count = end - start;
                    best_start = start;
                }
            }
            start = end;
        }
        if (best_count == 0 || best_count * 2 < group_size)
            return chosen;
        chosen = depth;
        *model = group[best_start];
        *users = best_count;
    }
}

/* A header to build, and the requests that will use it. */
struct header_job {
    const struct string_list *arguments;   /* of the request it was planned from */
    bool cplusplus;
    const struct string_list *prefix;
    size_t line_count;
    const struct pch *result;              /* NULL until built, or when it cannot be */
    bool finished;                         /* result is final (under the plan's lock) */
};

struct pch_plan {
    struct pch_store *store;
    struct header_job *jobs;
    size_t count;
    atomic_size_t next;                    /* the next job no thread has claimed */
    pthread_mutex_t lock;
    pthread_cond_t finished;
    double build_seconds;                  /* summed over the threads that built */
};

static size_t add_job(struct pch_plan *plan, const struct pch_request *pattern, size_t line_count)
{
    plan->jobs = xrealloc(plan->jobs, (plan->count + 1) * sizeof *plan->jobs);
    plan->jobs[plan->count] = (struct header_job){pattern->arguments, pattern->cplusplus, pattern->prefix,
                                                  line_count, NULL, false};
    return plan->count++;
}

/* Within one group (sorted by prefix): a header for the prefix most of it
 * shares, then again for the files left over, as long as that helps.
 * Headers worth building (two or more users) become jobs of the plan,
 * built later: each request records the job it waits for. A header
 * already on disk is worth it for one file, and is looked up at once. */
static void plan_group(struct pch_plan *plan, struct pch_request *requests, size_t *group, size_t group_size)
{
    struct pch_store *store = plan->store;
    while (group_size > 0) {
        size_t model = 0, users = 0;
        size_t depth = shared_prefix(requests, group, group_size, &model, &users);
        const struct pch_request *pattern = &requests[model];
        const struct pch *pch = NULL;   /* found now, or ... */
        size_t job = SIZE_MAX;          /* ... built later */
        size_t line_count;
        if (depth > 0 && users >= 2) {
            if (store->is_temporary && !make_temporary_directory(store))
                return;
            job = add_job(plan, pattern, depth);
            line_count = depth;
        } else {
            for (size_t length = depth; length > 0 && !pch; length--)
                pch = obtain(store, store_index(store), pattern->arguments, pattern->cplusplus, pattern->prefix,
                             length, false);
            if (!pch)
                return;
            line_count = pch->line_count;
        }
        size_t left = 0;
        for (size_t i = 0; i < group_size; i++) {
            if (starts_with(requests[group[i]].prefix, pattern->prefix, line_count)) {
                requests[group[i]].assigned = pch;
                requests[group[i]].job = job;
            } else {
                group[left++] = group[i];   /* still sorted by prefix */
            }
        }
        if (left == group_size)
            return;
        group_size = left;
    }
}

struct pch_plan *pch_store_plan(struct pch_store *store, struct pch_request *requests, size_t count)
{
    struct pch_plan *plan = xcalloc(1, sizeof *plan);
    plan->store = store;
    pthread_mutex_init(&plan->lock, NULL);
    pthread_cond_init(&plan->finished, NULL);
    if (count == 0)
        return plan;
    size_t *order = xmalloc(count * sizeof *order);
    for (size_t i = 0; i < count; i++) {
        order[i] = i;
        requests[i].assigned = NULL;
        requests[i].job = SIZE_MAX;
    }
    sort_requests = requests;
    qsort(order, count, sizeof *order, by_group_then_prefix);
    for (size_t start = 0; start < count;) {
        size_t end = start + 1;
        while (end < count && compare_groups(&requests[order[start]], &requests[order[end]]) == 0)
            end++;
        plan_group(plan, requests, order + start, end - start);
        start = end;
    }
    free(order);
    return plan;
}

bool pch_plan_build_one(struct pch_plan *plan)
{
    size_t at = atomic_fetch_add(&plan->next, 1);
    if (at >= plan->count)
        return false;
    struct header_job *job = &plan->jobs[at];
    double start = monotonic_seconds();
    /* Saving a header registers LLVM's signal handlers on first use, and
     * with them an alternate signal stack for the calling thread; put the
     * thread's own back (AddressSanitizer frees the stack a thread ends
     * with as its own). */
    stack_t own_signal_stack;
    bool has_signal_stack = sigaltstack(NULL, &own_signal_stack) == 0;
    CXIndex index = clang_createIndex(0, 0);
    const struct pch *result =
        obtain(plan->store, index, job->arguments, job->cplusplus, job->prefix, job->line_count, true);
    clang_disposeIndex(index);
    if (has_signal_stack)
        sigaltstack(&own_signal_stack, NULL);
    pthread_mutex_lock(&plan->lock);
    job->result = result;
    job->finished = true;
    plan->build_seconds += monotonic_seconds() - start;
    pthread_cond_broadcast(&plan->finished);
    pthread_mutex_unlock(&plan->lock);
    return true;
}

const struct pch *pch_plan_header(struct pch_plan *plan, const struct pch_request *request)
{
    if (!plan || request->job == SIZE_MAX)
        return request->assigned;
    struct header_job *job = &plan->jobs[request->job];
    pthread_mutex_lock(&plan->lock);
    while (!job->finished)
        pthread_cond_wait(&plan->finished, &plan->lock);
    const struct pch *result = job->result;
    pthread_mutex_unlock(&plan->lock);
    return result;
}

double pch_plan_free(struct pch_plan *plan)
{
    if (!plan)
        return 0;
    double seconds = plan->build_seconds;
    pthread_cond_destroy(&plan->finished);
    pthread_mutex_destroy(&plan->lock);
    free(plan->jobs);
    free(plan);
    return seconds;
}

void pch_store_counts(const struct pch_store *store, size_t *built, size_t *reused)
{
    *built = store ? store->new_count : 0;
    *reused = store ? store->reused_count : 0;
}
