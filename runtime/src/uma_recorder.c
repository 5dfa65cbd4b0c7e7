/*
 * uma_recorder.c - per-thread double-fetch recorder.
 *
 * Between uma_request_begin() and uma_request_end() every successful user
 * read through an accessor is logged as one fetch with its call site. The
 * first fetch of each byte is kept in a sorted list of disjoint ranges;
 * a later fetch that covers bytes already in the list is a double fetch
 * and is reported against the site that fetched them first. Reports for
 * adjacent bytes first fetched at the same site are merged.
 *
 * One accessor call is one fetch, so a bulk copy that touches a byte twice
 * within the call is not a double fetch.
 *
 * State is per thread (a handler and the user thread that races it must
 * not mix), heap allocated and freed by a pthread key destructor when the
 * thread ends.
 */
#include "uma_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Thread_local bool uma_recorder_active;

struct first_fetch {
    uintptr_t start;
    uintptr_t end;
    struct uma_call_site site;
};

struct recorder {
    struct uma_fetch *fetches;
    size_t fetch_count, fetch_capacity;
    struct first_fetch *firsts; /* sorted by start, disjoint */
    size_t first_count, first_capacity;
    struct uma_double_fetch *reports;
    size_t report_count, report_capacity;
};

static _Thread_local struct recorder *this_thread;
static pthread_key_t recorder_key;
static pthread_once_t recorder_key_once = PTHREAD_ONCE_INIT;
static _Atomic bool printing = true;

static void free_recorder(void *pointer)
{
    struct recorder *recorder = pointer;
    if (recorder != NULL) {
        free(recorder->fetches);
        free(recorder->firsts);
        free(recorder->reports);
        free(recorder);
    }
}

static void create_key(void)
{
    pthread_key_create(&recorder_key, free_recorder);
}

static struct recorder *get_recorder(void)
{
    if (this_thread == NULL) {
        pthread_once(&recorder_key_once, create_key);
        this_thread = calloc(1, sizeof *this_thread);
        if (this_thread == NULL) {
            abort();
        }
        pthread_setspecific(recorder_key, this_thread);
    }
    return this_thread;
}

/* Grow *items (of item_size bytes each) so that one more fits. */
static void reserve_one(void **items, size_t count, size_t *capacity, size_t item_size)
{
    if (count == *capacity) {
        size_t grown = *capacity == 0 ? 16 : *capacity * 2;
        void *moved = realloc(*items, grown * item_size);
        if (moved == NULL) {
            abort();
        }
        *items = moved;
        *capacity = grown;
    }
}

static struct uma_call_site public_site(const struct uma_fetch_site *site)
{
    struct uma_call_site out = {site->file, site->line, site->return_address};
    return out;
}

static bool same_site(const struct uma_call_site *a, const struct uma_call_site *b)
{
    if (a->file != NULL || b->file != NULL) {
        return a->file != NULL && b->file != NULL && a->line == b->line && strcmp(a->file, b->file) == 0;
    }
    return a->return_address == b->return_address;
}

static void add_report(struct recorder *recorder, uintptr_t start, uintptr_t end,
                       const struct uma_call_site *first, const struct uma_call_site *again,
                       size_t reports_before_this_fetch)
{
    struct uma_double_fetch *last =
        recorder->report_count > reports_before_this_fetch ? &recorder->reports[recorder->report_count - 1] : NULL;
    if (last != NULL && last->end == start && same_site(&last->first, first)) {
        last->end = end;
        return;
    }
    reserve_one((void **)&recorder->reports, recorder->report_count, &recorder->report_capacity,
                sizeof *recorder->reports);
    recorder->reports[recorder->report_count++] = (struct uma_double_fetch){start, end, *first, *again};
}

static void insert_first(struct recorder *recorder, size_t index, uintptr_t start, uintptr_t end,
                         const struct uma_call_site *site)
{
    reserve_one((void **)&recorder->firsts, recorder->first_count, &recorder->first_capacity,
                sizeof *recorder->firsts);
    memmove(&recorder->firsts[index + 1], &recorder->firsts[index],
            (recorder->first_count - index) * sizeof *recorder->firsts);
    recorder->firsts[index] = (struct first_fetch){start, end, *site};
    recorder->first_count++;
}

/* Index of the first range whose end lies above address. */
static size_t first_range_ending_after(const struct recorder *recorder, uintptr_t address)
{
    size_t low = 0;
    size_t high = recorder->first_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (recorder->firsts[middle].end <= address) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

void uma_recorder_note_fetch_slow(uintptr_t start, size_t length, const struct uma_fetch_site *fetch_site)
{
    struct recorder *recorder = get_recorder();
    struct uma_call_site site = public_site(fetch_site);
    uintptr_t end = start + length;
    uintptr_t cursor = start;
    size_t reports_before = recorder->report_count;
    size_t index;

    reserve_one((void **)&recorder->fetches, recorder->fetch_count, &recorder->fetch_capacity,
                sizeof *recorder->fetches);
    recorder->fetches[recorder->fetch_count++] = (struct uma_fetch){start, length, site};

    /* Walk the recorded ranges that overlap [start, end): overlaps are
     * double fetches, gaps are first fetches at this site. */
    index = first_range_ending_after(recorder, start);
    while (cursor < end) {
        struct first_fetch *range = index < recorder->first_count ? &recorder->firsts[index] : NULL;
        if (range == NULL || range->start >= end) {
            insert_first(recorder, index, cursor, end, &site);
            break;
        }
        if (cursor < range->start) {
            insert_first(recorder, index, cursor, range->start, &site);
            index++;
            range = &recorder->firsts[index];
            cursor = range->start;
        }
        uintptr_t overlap_end = range->end < end ? range->end : end;
        add_report(recorder, cursor, overlap_end, &range->site, &site, reports_before);
        cursor = overlap_end;
        index++;
    }
}

void uma_request_begin(void)
{
    struct recorder *recorder = get_recorder();
    recorder->fetch_count = 0;
    recorder->first_count = 0;
    recorder->report_count = 0;
    uma_recorder_active = true;
}

size_t uma_request_end(void)
{
    struct recorder *recorder = get_recorder();
    uma_recorder_active = false;
    if (printing) {
        for (size_t index = 0; index < recorder->report_count; index++) {
            char line[768];
            uma_double_fetch_format(&recorder->reports[index], line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
    }
    return recorder->report_count;
}

size_t uma_double_fetch_count(void)
{
    return get_recorder()->report_count;
}

const struct uma_double_fetch *uma_double_fetch_get(size_t index)
{
    struct recorder *recorder = get_recorder();
    return index < recorder->report_count ? &recorder->reports[index] : NULL;
}

size_t uma_fetch_count(void)
{
    return get_recorder()->fetch_count;
}

const struct uma_fetch *uma_fetch_get(size_t index)
{
    struct recorder *recorder = get_recorder();
    return index < recorder->fetch_count ? &recorder->fetches[index] : NULL;
}

void uma_recorder_set_printing(bool print)
{
    printing = print;
}

void uma_format_site(char *out, size_t size, const char *file, int line, const void *return_address)
{
    Dl_info info;
    if (file != NULL) {
        snprintf(out, size, "%s:%d", file, line);
    } else if (return_address != NULL && dladdr(return_address, &info) != 0 && info.dli_sname != NULL) {
        snprintf(out, size, "%p (%s+0x%lx)", return_address, info.dli_sname,
                 (unsigned long)((uintptr_t)return_address - (uintptr_t)info.dli_saddr));
    } else if (return_address != NULL && dladdr(return_address, &info) != 0 && info.dli_fname != NULL) {
        snprintf(out, size, "%p (%s+0x%lx)", return_address, info.dli_fname,
                 (unsigned long)((uintptr_t)return_address - (uintptr_t)info.dli_fbase));
    } else {
        snprintf(out, size, "%p", return_address);
    }
}

int uma_double_fetch_format(const struct uma_double_fetch *report, char *out, size_t size)
{
    char first[256];
    char again[256];
    uma_format_site(first, sizeof first, report->first.file, report->first.line, report->first.return_address);
    uma_format_site(again, sizeof again, report->again.file, report->again.line, report->again.return_address);
    return snprintf(out, size, "umaccess: double fetch of user bytes [0x%lx, 0x%lx): first at %s, again at %s",
                    (unsigned long)report->start, (unsigned long)report->end, first, again);
}
