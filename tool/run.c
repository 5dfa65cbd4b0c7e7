/* run.c - the worker pool. Files are handed out from a list sorted by size
 * (largest first) through an atomic cursor; each worker owns its CXIndex. */
#include "run.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

struct pool {
    const struct discovery *discovery;
    struct compile_flags *flags;
    const struct file_settings *const *settings;
    struct file_result *results;
    size_t *order;          /* file indices, largest first */
    atomic_size_t next;
};

static void analyze_one(struct pool *pool, CXIndex index, size_t file_index)
{
    const char *path = pool->discovery->files[file_index].path;
    struct file_result *result = &pool->results[file_index];
    struct string_list arguments = {NULL, 0};
    char error[1024];
    if (compile_flags_for(pool->flags, path, pool->settings[file_index]->extra_args, &arguments, error,
                          sizeof error) != 0) {
        memset(result, 0, sizeof *result);
        result->error = xstrdup(error);
    } else {
        analyze_file(index, path, &arguments, pool->settings[file_index], result);
    }
    string_list_free(&arguments);
}

static void *worker(void *data)
{
    struct pool *pool = data;
    CXIndex index = clang_createIndex(0, 0);
    for (;;) {
        size_t slot = atomic_fetch_add(&pool->next, 1);
        if (slot >= pool->discovery->file_count)
            break;
        analyze_one(pool, index, pool->order[slot]);
    }
    clang_disposeIndex(index);
    return NULL;
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

void run_analysis(const struct discovery *discovery, struct compile_flags *flags,
                  const struct file_settings *const *settings, unsigned jobs, struct file_result *results)
{
    struct pool pool = {discovery, flags, settings, results, NULL, 0};
    size_t count = discovery->file_count;
    if (count == 0)
        return;
    pool.order = xmalloc(count * sizeof *pool.order);
    for (size_t i = 0; i < count; i++)
        pool.order[i] = i;
    sort_discovery = discovery;
    qsort(pool.order, count, sizeof *pool.order, larger_first);
    atomic_init(&pool.next, 0);

    if (jobs > count)
        jobs = (unsigned)count;
    if (jobs <= 1) {
        worker(&pool);
    } else {
        pthread_t *threads = xmalloc(jobs * sizeof *threads);
        unsigned started = 0;
        for (unsigned i = 0; i < jobs; i++)
            if (pthread_create(&threads[started], NULL, worker, &pool) == 0)
                started++;
        if (started == 0)
            worker(&pool);
        for (unsigned i = 0; i < started; i++)
            pthread_join(threads[i], NULL);
        free(threads);
    }
    free(pool.order);
}
