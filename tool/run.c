/* run.c - the worker pool, in two passes over the files, largest first
 * through an atomic cursor (work stealing: a worker takes the next file as
 * soon as it is free):
 *   1. look-up: compile arguments, main file hash, result cache; for a
 *      miss, its leading include lines;
 *   2. between the passes, on the main thread: a plan of precompiled
 *      headers for the include prefixes the misses share (tool/pch.h);
 *   3. parse: each worker first builds the planned headers no one has
 *      claimed, then parses misses, each worker with its own CXIndex; the
 *      files of the header claimed last come last, so the others are
 *      parsed while it is built. Results are stored in the cache.
 * Results land in results[i] for file i, so output order never depends on
 * scheduling. */
#include "run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "file_digest.h"
#include "include_prefix.h"
#include "monotonic_clock.h"
#include "pch.h"
#include "progress.h"
#include "strbuf.h"

struct file_task {
    struct string_list arguments;
    bool done;                   /* result final: from the cache, or an error */
    bool has_key;
    struct hash128 key;
    struct string_list prefix;   /* leading include lines, for a precompiled header */
    bool used_pch;
};

struct worker_statistics {
    size_t files;
    double seconds;
    double parse_seconds, facts_seconds, rules_seconds;   /* of `seconds` */
};

struct pool {
    const struct discovery *discovery;
    struct compile_flags *flags;
    const struct file_settings *const *settings;   /* per file */
    bool use_pch;
    struct file_result *results;
    struct file_task *tasks;
    struct pch_request *pch_requests;     /* per file, or NULL */
    struct pch_plan *pch_plan;            /* headers to build, during the parse pass, or NULL */
    struct result_cache *cache;           /* or NULL */
    size_t *order;                        /* file indices of the current pass, largest first */
    size_t order_count;
    atomic_size_t next;
    void (*work)(struct pool *pool, void *worker_state, size_t file_index);
    struct worker_statistics *statistics; /* per worker, of the parse pass */
    bool measure;
    struct progress *progress;            /* during the parse pass, or NULL */
};

struct worker {
    struct pool *pool;
    unsigned number;
    CXIndex index;
};

static bool is_cplusplus(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && strcmp(dot, ".c") != 0;
}

/* ---- pass 1: arguments and cache look-up ---------------------------------------- */

static void look_up(struct pool *pool, void *state, size_t file_index)
{
    (void)state;
    const char *path = pool->discovery->files[file_index].path;
    struct file_task *task = &pool->tasks[file_index];
    struct file_result *result = &pool->results[file_index];
    char error[1024];
    if (compile_flags_for(pool->flags, path, pool->settings[file_index]->extra_args, &task->arguments, error,
                          sizeof error) != 0) {
        memset(result, 0, sizeof *result);
        result->error = xstrdup(error);
        task->done = true;
        return;
    }
    if (!pool->cache && !pool->use_pch)
        return;
    size_t size = 0;
    char *contents = file_digest_read(path, &size);
    if (!contents)
        return;   /* analyze_file reports why */
    if (pool->cache) {
        task->key =
            result_cache_key(pool->cache, pool->settings[file_index], path, &task->arguments, contents, size);
        task->has_key = true;
        if (result_cache_lookup(pool->cache, task->key, result))
            task->done = true;
    }
    if (!task->done && pool->use_pch && !memchr(contents, '\0', size))
        include_prefix(contents, size, &task->prefix);
    free(contents);
}

/* ---- pass 3: parse ------------------------------------------------------------- */

static void parse_one(struct pool *pool, void *state, size_t file_index)
{
    struct worker *worker = state;
    const char *path = pool->discovery->files[file_index].path;
    struct file_task *task = &pool->tasks[file_index];
    const struct pch *pch = pool->pch_requests ? pch_plan_header(pool->pch_plan, &pool->pch_requests[file_index]) : NULL;
    struct dependency_list dependencies = {NULL, 0};
    struct analysis_extras extras = {0};
    extras.dependencies = task->has_key ? &dependencies : NULL;
    extras.pch_path = pch ? pch->path : NULL;
    extras.pch_record_names = pch ? &pch->record_names : NULL;
    analyze_file_extra(worker->index, path, &task->arguments, pool->settings[file_index], &extras,
                       &pool->results[file_index]);
    task->used_pch = extras.used_pch;
    if (pool->statistics) {
        struct worker_statistics *statistics = &pool->statistics[worker->number];
        statistics->parse_seconds += extras.parse_seconds;
        statistics->facts_seconds += extras.facts_seconds;
        statistics->rules_seconds += extras.rules_seconds;
    }
    if (task->has_key && extras.cacheable && !pool->results[file_index].error) {
        if (extras.used_pch)
            dependency_list_append(&dependencies, &pch->dependencies);
        result_cache_store(pool->cache, task->key, &dependencies, &pool->results[file_index]);
    }
    dependency_list_free(&dependencies);
}

/* ---- the pool ------------------------------------------------------------------ */

static void *worker_main(void *data)
{
    struct worker *worker = data;
    struct pool *pool = worker->pool;
    struct worker_statistics *statistics = pool->statistics ? &pool->statistics[worker->number] : NULL;
    if (pool->pch_plan)
        while (pch_plan_build_one(pool->pch_plan))
            continue;
    for (;;) {
        size_t slot = atomic_fetch_add(&pool->next, 1);
        if (slot >= pool->order_count)
            break;
        double start = statistics ? monotonic_seconds() : 0;
        pool->work(pool, worker, pool->order[slot]);
        progress_advance(pool->progress);
        if (statistics) {
            statistics->files++;
            statistics->seconds += monotonic_seconds() - start;
        }
    }
    return NULL;
}

/* Runs pool->work over pool->order with up to `jobs` workers. */
static void run_pass(struct pool *pool, unsigned jobs, bool with_index)
{
    atomic_store(&pool->next, 0);
    if (pool->order_count == 0)
        return;
    if (jobs > pool->order_count)
        jobs = (unsigned)pool->order_count;
    if (jobs < 1)
        jobs = 1;
    struct worker *workers = xcalloc(jobs, sizeof *workers);
    for (unsigned i = 0; i < jobs; i++) {
        workers[i].pool = pool;
        workers[i].number = i;
        /* Excluding the precompiled header's declarations keeps the fact
         * extraction from deserialising all of them for every file. */
        workers[i].index = with_index ? clang_createIndex(1, 0) : NULL;
    }
    if (jobs == 1) {
        worker_main(&workers[0]);
    } else {
        pthread_t *threads = xmalloc(jobs * sizeof *threads);
        unsigned started = 0;
        for (unsigned i = 0; i < jobs; i++)
            if (pthread_create(&threads[started], NULL, worker_main, &workers[i]) == 0)
                started++;
        if (started == 0)
            worker_main(&workers[0]);
        for (unsigned i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
        free(threads);
    }
    for (unsigned i = 0; i < jobs; i++)
        if (workers[i].index)
            clang_disposeIndex(workers[i].index);
    free(workers);
}

static const struct discovery *sort_discovery;

static int larger_first(const void *a, const void *b)
{
    const struct source_file *left = &sort_discovery->files[*(const size_t *)a];
    const struct source_file *right = &sort_discovery->files[*(const size_t *)b];
    if (left->size != right->size)
        return left->size > right->size ? -1 : 1;
    return strcmp(left->path, right->path);
}

struct ranked_file {
    size_t rank;       /* 0: waits for no header job; else job + 1 */
    size_t position;   /* in the largest-first order */
    size_t file;
};

static int by_rank_then_position(const void *left, const void *right)
{
    const struct ranked_file *a = left, *b = right;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->position < b->position ? -1 : a->position > b->position;
}

/* Workers build the planned headers in job order before they parse, so
 * files waiting for a later job go later (still largest first within a
 * job); files that wait for none go first. */
static void order_by_header_job(struct pool *pool)
{
    size_t count = pool->order_count;
    struct ranked_file *ranked = xmalloc(count * sizeof *ranked);
    for (size_t i = 0; i < count; i++) {
        size_t job = pool->pch_requests[pool->order[i]].job;
        ranked[i] = (struct ranked_file){job == SIZE_MAX ? 0 : job + 1, i, pool->order[i]};
    }
    qsort(ranked, count, sizeof *ranked, by_rank_then_position);
    for (size_t i = 0; i < count; i++)
        pool->order[i] = ranked[i].file;
    free(ranked);
}

static void print_statistics(const struct pool *pool, size_t from_cache, size_t parsed, unsigned jobs,
                             double seconds)
{
    size_t with_pch = 0;
    for (size_t i = 0; i < pool->discovery->file_count; i++)
        with_pch += pool->tasks[i].used_pch;
    fprintf(stderr, "umalint: stats: %zu files, %zu from cache, %zu parsed (%zu with a precompiled header)\n",
            pool->discovery->file_count, from_cache, parsed, with_pch);
    struct strbuf line = STRBUF_INIT;
    strbuf_printf(&line, "umalint: stats: parse pass %.2f s;", seconds);
    for (unsigned i = 0; i < jobs; i++)
        strbuf_printf(&line, " worker %u: %zu files, %.2f s busy;", i + 1, pool->statistics[i].files,
                      pool->statistics[i].seconds);
    line.data[line.length - 1] = '\n';
    fputs(line.data, stderr);
    strbuf_free(&line);
    double parse = 0, facts = 0, rules = 0;
    for (unsigned i = 0; i < jobs; i++) {
        parse += pool->statistics[i].parse_seconds;
        facts += pool->statistics[i].facts_seconds;
        rules += pool->statistics[i].rules_seconds;
    }
    fprintf(stderr, "umalint: stats: summed over workers: libclang parse %.2f s, facts %.2f s, analysis and rules %.2f s\n",
            parse, facts, rules);
}

void run_analysis(const struct discovery *discovery, struct compile_flags *flags,
                  const struct file_settings *const *settings, unsigned jobs, struct file_result *results)
{
    run_analysis_reusing(discovery, flags, settings, jobs, NULL, results);
}

void run_analysis_reusing(const struct discovery *discovery, struct compile_flags *flags,
                          const struct file_settings *const *settings, unsigned jobs,
                          const struct run_reuse *reuse, struct file_result *results)
{
    size_t count = discovery->file_count;
    if (count == 0)
        return;
    if (jobs < 1)
        jobs = 1;
    const char *cache_directory = reuse ? reuse->cache_directory : NULL;
    const char *stats_variable = getenv("UMALINT_STATS");
    bool measure = stats_variable && *stats_variable && strcmp(stats_variable, "0") != 0;
    struct file_digests *digests = file_digests_create();
    struct pool pool = {0};
    pool.discovery = discovery;
    pool.flags = flags;
    pool.settings = settings;
    pool.use_pch = reuse && reuse->use_pch;
    pool.results = results;
    pool.tasks = xcalloc(count, sizeof *pool.tasks);
    pool.cache = cache_directory ? result_cache_open(cache_directory, digests) : NULL;
    pool.order = xmalloc(count * sizeof *pool.order);
    for (size_t i = 0; i < count; i++)
        pool.order[i] = i;
    sort_discovery = discovery;
    qsort(pool.order, count, sizeof *pool.order, larger_first);

    pool.order_count = count;
    pool.work = look_up;
    run_pass(&pool, jobs, false);

    /* The misses, still largest first. */
    size_t misses = 0, from_cache = 0;
    for (size_t slot = 0; slot < count; slot++) {
        size_t file = pool.order[slot];
        if (!pool.tasks[file].done)
            pool.order[misses++] = file;
        else if (!results[file].error)
            from_cache++;
    }
    pool.order_count = misses;

    struct pch_store *pch_store = NULL;
    double plan_seconds = 0;
    if (pool.use_pch && misses > 0) {
        pch_store = pch_store_create(cache_directory, digests);
        pool.pch_requests = xcalloc(count, sizeof *pool.pch_requests);
        struct pch_request *requests = xcalloc(misses, sizeof *requests);
        for (size_t i = 0; i < misses; i++) {
            size_t file = pool.order[i];
            requests[i].arguments = &pool.tasks[file].arguments;
            requests[i].cplusplus = is_cplusplus(discovery->files[file].path);
            requests[i].prefix = &pool.tasks[file].prefix;
        }
        double plan_start = monotonic_seconds();
        pool.pch_plan = pch_store_plan(pch_store, requests, misses);
        plan_seconds = monotonic_seconds() - plan_start;
        for (size_t i = 0; i < misses; i++)
            pool.pch_requests[pool.order[i]] = requests[i];
        free(requests);
        order_by_header_job(&pool);
    }

    pool.work = parse_one;
    pool.statistics = measure ? xcalloc(jobs, sizeof *pool.statistics) : NULL;
    double start = monotonic_seconds();
    pool.progress = reuse && reuse->show_progress && misses > 0 ? progress_start(stderr, misses) : NULL;
    run_pass(&pool, jobs, true);
    progress_finish(pool.progress);
    pool.progress = NULL;
    if (measure) {
        size_t built = 0, reused = 0;
        pch_store_counts(pch_store, &built, &reused);
        print_statistics(&pool, from_cache, misses, jobs, monotonic_seconds() - start);
        fprintf(stderr,
                "umalint: stats: precompiled headers: %zu built, %zu reused; %.2f s planning, %.2f s building "
                "(summed over workers, in the parse pass)\n",
                built, reused, plan_seconds, pch_plan_free(pool.pch_plan));
    } else {
        pch_plan_free(pool.pch_plan);
    }

    pch_store_destroy(pch_store);
    result_cache_close(pool.cache);
    file_digests_destroy(digests);
    for (size_t i = 0; i < count; i++) {
        string_list_free(&pool.tasks[i].arguments);
        string_list_free(&pool.tasks[i].prefix);
    }
    free(pool.tasks);
    free(pool.pch_requests);
    free(pool.statistics);
    free(pool.order);
}
