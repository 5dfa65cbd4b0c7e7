/* progress.c - the progress line. Workers only bump an atomic counter; a
 * separate thread draws, so the hot path never takes a lock or writes. */
#include "progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "monotonic_clock.h"

/* Fewer files than this finish before a progress line is worth reading. */
enum { PROGRESS_MIN_FILES = 8 };

struct progress {
    FILE *out;
    size_t total;
    atomic_size_t done;
    atomic_bool stop;
    double started;
    pthread_t thread;
};

bool progress_wanted(bool quiet, size_t files)
{
    if (quiet || files < PROGRESS_MIN_FILES || !isatty(fileno(stderr)))
        return false;
    const char *ci = getenv("CI"), *term = getenv("TERM");
    if (ci && *ci)
        return false;
    return !(term && strcmp(term, "dumb") == 0);
}

static void format_duration(char *buffer, size_t size, double seconds)
{
    long whole = (long)(seconds + 0.5);
    if (whole >= 60)
        snprintf(buffer, size, "%ldm%02lds", whole / 60, whole % 60);
    else
        snprintf(buffer, size, "%lds", whole);
}

static void draw(struct progress *progress)
{
    size_t done = atomic_load(&progress->done);
    double elapsed = monotonic_seconds() - progress->started;
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    char left[32] = "?";
    if (rate > 0)
        format_duration(left, sizeof left, (double)(progress->total - done) / rate);
    /* \r and erase-to-end keep it on one line, whatever was there before. */
    fprintf(progress->out, "\r\033[Kumalint: %zu/%zu files, %.1f files/s, %s left", done, progress->total, rate,
            left);
    fflush(progress->out);
}

static void *draw_loop(void *data)
{
    struct progress *progress = data;
    struct timespec pause = {0, 200 * 1000 * 1000};
    while (!atomic_load(&progress->stop)) {
        draw(progress);
        nanosleep(&pause, NULL);
    }
    return NULL;
}

struct progress *progress_start(FILE *out, size_t total)
{
    struct progress *progress = calloc(1, sizeof *progress);
    if (!progress)
        return NULL;
    progress->out = out;
    progress->total = total;
    atomic_init(&progress->done, 0);
    atomic_init(&progress->stop, false);
    progress->started = monotonic_seconds();
    if (pthread_create(&progress->thread, NULL, draw_loop, progress) != 0) {
        free(progress);
        return NULL;
    }
    return progress;
}

void progress_advance(struct progress *progress)
{
    if (progress)
        atomic_fetch_add(&progress->done, 1);
}

void progress_finish(struct progress *progress)
{
    if (!progress)
        return;
    atomic_store(&progress->stop, true);
    pthread_join(progress->thread, NULL);
    fputs("\r\033[K", progress->out);
    fflush(progress->out);
    free(progress);
}
