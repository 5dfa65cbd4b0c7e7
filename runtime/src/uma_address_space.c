/*
 * uma_address_space.c - the emulated user address space of the host runtime.
 *
 * One memfd holds the bytes of the user window; it is mapped three times
 * (see uma_internal.h): the kernel-visible window handed to driver code,
 * the alias the accessors use and the view a test's user thread uses. The
 * window is reserved lazily (pthread_once) on first use, and also from a
 * constructor so that MmUserProbeAddress is valid before main().
 *
 * Buffers are page runs from a first-fit page map. Every run ends with one
 * page that is never mapped, so overruns fault instead of reaching the next
 * buffer. Protections are kept per page so that switching the SMAP trap
 * off can give the kernel-visible window the user's protections back.
 */
#include "uma_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define DEFAULT_WINDOW_BYTES ((size_t)256 * 1024 * 1024)

struct uma_address_space uma_space;
_Atomic bool uma_space_ready;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t space_lock = PTHREAD_MUTEX_INITIALIZER;

static int window_fd = -1;
static unsigned char *kernel_window; /* == (unsigned char *)uma_space.lowest */
static size_t page_count;
static unsigned char *page_prot;     /* UMA_PROT_* per page, user's view      */
static size_t *run_start_plus_one;   /* 0: free; else 1 + first page of run   */
static size_t *run_pages;            /* at a run's first page: pages in run   */
static size_t search_cursor;         /* next-fit start for the page search    */
static bool smap_on = true;

static _Noreturn void fail(const char *what)
{
    fprintf(stderr, "umaccess: cannot set up the user address space: %s: %s\n", what, strerror(errno));
    abort();
}

static int to_mmap_prot(int prot)
{
    switch (prot) {
    case UMA_PROT_READ:
        return PROT_READ;
    case UMA_PROT_RW:
        return PROT_READ | PROT_WRITE;
    default:
        return PROT_NONE;
    }
}

/* Map the memfd at a fresh address, followed by a no-access guard. */
static unsigned char *map_window_with_guard(void)
{
    unsigned char *base = mmap(NULL, uma_space.size + UMA_GUARD_SIZE, PROT_NONE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED) {
        fail("mmap reserve");
    }
    if (mmap(base, uma_space.size, PROT_NONE, MAP_SHARED | MAP_FIXED, window_fd, 0) == MAP_FAILED) {
        fail("mmap memfd");
    }
    return base;
}

static size_t window_bytes_from_environment(size_t page_size)
{
    const char *text = getenv("UMA_WINDOW_MB");
    size_t bytes = DEFAULT_WINDOW_BYTES;
    if (text != NULL && *text != '\0') {
        unsigned long megabytes = strtoul(text, NULL, 10);
        if (megabytes >= 1 && megabytes <= 65536) {
            bytes = (size_t)megabytes * 1024 * 1024;
        }
    }
    return (bytes + page_size - 1) / page_size * page_size;
}

static void initialize(void)
{
    const char *smap_setting = getenv("UMA_SMAP");
    size_t page_size = (size_t)sysconf(_SC_PAGESIZE);
    struct uma_address_space space = {0};

    space.page_size = page_size;
    space.size = window_bytes_from_environment(page_size);
    uma_space.size = space.size;

    window_fd = memfd_create("umaccess-user-window", MFD_CLOEXEC);
    if (window_fd < 0) {
        fail("memfd_create");
    }
    if (ftruncate(window_fd, (off_t)space.size) != 0) {
        fail("ftruncate");
    }
    kernel_window = map_window_with_guard();
    space.alias = map_window_with_guard();
    space.user_view = map_window_with_guard();
    space.lowest = (uintptr_t)kernel_window;
    space.probe = space.lowest + space.size;

    page_count = space.size / page_size;
    page_prot = calloc(page_count, 1);
    run_start_plus_one = calloc(page_count, sizeof *run_start_plus_one);
    run_pages = calloc(page_count, sizeof *run_pages);
    if (page_prot == NULL || run_start_plus_one == NULL || run_pages == NULL) {
        fail("calloc");
    }

    smap_on = !(smap_setting != NULL && strcmp(smap_setting, "0") == 0);
    uma_smap_note_state(smap_on);

    MmUserProbeAddress = (ULONG_PTR)space.probe;
    MmHighestUserAddress = (PVOID)(space.probe - 1);
    uma_space = space;

    uma_fault_handler_install();
    atomic_store_explicit(&uma_space_ready, true, memory_order_release);
}

void uma_address_space_init_slow(void)
{
    pthread_once(&init_once, initialize);
}

__attribute__((constructor)) static void initialize_at_start_up(void)
{
    uma_address_space_init();
}

/* ---- page protection ------------------------------------------------------ */

/* Apply page_prot[first .. first + count) to the three mappings. The
 * kernel-visible window gets the user's protection only while SMAP is off.
 * Called with space_lock held. */
static void apply_protection(size_t first, size_t count)
{
    size_t offset = first * uma_space.page_size;
    size_t index = first;
    while (index < first + count) {
        size_t run_end = index + 1;
        int prot;
        while (run_end < first + count && page_prot[run_end] == page_prot[index]) {
            run_end++;
        }
        prot = to_mmap_prot(page_prot[index]);
        offset = index * uma_space.page_size;
        size_t length = (run_end - index) * uma_space.page_size;
        if (mprotect(uma_space.alias + offset, length, prot) != 0 ||
            mprotect(uma_space.user_view + offset, length, prot) != 0 ||
            mprotect(kernel_window + offset, length, smap_on ? PROT_NONE : prot) != 0) {
            fail("mprotect");
        }
        index = run_end;
    }
}

static void set_protection(size_t first, size_t count, int prot)
{
    memset(page_prot + first, prot, count);
    apply_protection(first, count);
}

/* ---- allocation ----------------------------------------------------------- */

/* First-fit search for count free pages, starting at the cursor and
 * wrapping once. Called with space_lock held; returns page_count if none. */
static size_t find_free_run(size_t count)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t start = pass == 0 ? search_cursor : 0;
        size_t limit = pass == 0 ? page_count : search_cursor;
        size_t run = 0;
        for (size_t page = start; page < limit && page < page_count; page++) {
            run = run_start_plus_one[page] == 0 ? run + 1 : 0;
            if (run == count) {
                return page + 1 - count;
            }
        }
    }
    return page_count;
}

/* Reserve data_pages mapped pages plus one unmapped guard page; returns the
 * first page or page_count. */
static size_t allocate_run(size_t data_pages)
{
    size_t total = data_pages + 1;
    size_t first;

    pthread_mutex_lock(&space_lock);
    first = total <= page_count ? find_free_run(total) : page_count;
    if (first < page_count) {
        for (size_t page = first; page < first + total; page++) {
            run_start_plus_one[page] = first + 1;
        }
        run_pages[first] = total;
        search_cursor = first + total < page_count ? first + total : 0;
        set_protection(first, data_pages, UMA_PROT_RW);
        set_protection(first + data_pages, 1, UMA_PROT_NONE);
    }
    pthread_mutex_unlock(&space_lock);
    return first;
}

static size_t pages_for(size_t bytes)
{
    return (bytes + uma_space.page_size - 1) / uma_space.page_size;
}

void *uma_user_alloc(size_t size, size_t align)
{
    size_t slack;
    size_t first;
    uintptr_t start;

    uma_address_space_init();
    if (align == 0) {
        align = 1;
    }
    if ((align & (align - 1)) != 0 || size > uma_space.size) {
        errno = EINVAL;
        return NULL;
    }
    /* Runs start on a page boundary; larger alignments need slack. */
    slack = align > uma_space.page_size ? align - uma_space.page_size : 0;
    first = allocate_run(pages_for((size == 0 ? 1 : size) + slack));
    if (first == page_count) {
        errno = ENOMEM;
        return NULL;
    }
    start = uma_space.lowest + first * uma_space.page_size;
    start = (start + align - 1) & ~(uintptr_t)(align - 1);
    return (void *)start;
}

void *uma_user_alloc_at_page_end(size_t size)
{
    size_t data_pages;
    size_t first;

    uma_address_space_init();
    if (size > uma_space.size) {
        errno = EINVAL;
        return NULL;
    }
    data_pages = pages_for(size == 0 ? 1 : size);
    first = allocate_run(data_pages);
    if (first == page_count) {
        errno = ENOMEM;
        return NULL;
    }
    return (void *)(uma_space.lowest + (first + data_pages) * uma_space.page_size - size);
}

void uma_user_free(void *user_pointer)
{
    uintptr_t address = (uintptr_t)user_pointer;
    size_t page;
    size_t first;
    size_t total;

    if (user_pointer == NULL) {
        return;
    }
    uma_address_space_init();
    if (address < uma_space.lowest || address >= uma_space.probe) {
        fprintf(stderr, "umaccess: uma_user_free(%p): not a user address\n", user_pointer);
        abort();
    }
    page = (address - uma_space.lowest) / uma_space.page_size;

    pthread_mutex_lock(&space_lock);
    if (run_start_plus_one[page] == 0) {
        pthread_mutex_unlock(&space_lock);
        fprintf(stderr, "umaccess: uma_user_free(%p): not an allocated user buffer\n", user_pointer);
        abort();
    }
    first = run_start_plus_one[page] - 1;
    total = run_pages[first];
    set_protection(first, total, UMA_PROT_NONE);
    /* Give the memory back; the next user of these pages sees zeros. */
    if (fallocate(window_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)(first * uma_space.page_size),
                  (off_t)(total * uma_space.page_size)) != 0) {
        /* Without hole punching, zero the bytes by hand. */
        set_protection(first, total, UMA_PROT_RW);
        memset(uma_space.alias + first * uma_space.page_size, 0, total * uma_space.page_size);
        set_protection(first, total, UMA_PROT_NONE);
    }
    for (size_t index = first; index < first + total; index++) {
        run_start_plus_one[index] = 0;
    }
    run_pages[first] = 0;
    pthread_mutex_unlock(&space_lock);
}

int uma_user_protect(void *user_pointer, size_t length, int prot)
{
    uintptr_t address = (uintptr_t)user_pointer;
    size_t first;
    size_t last;

    uma_address_space_init();
    if (length == 0 || !uma_range_is_user(address, length) ||
        (prot != UMA_PROT_NONE && prot != UMA_PROT_READ && prot != UMA_PROT_RW)) {
        errno = EINVAL;
        return -1;
    }
    first = (address - uma_space.lowest) / uma_space.page_size;
    last = (address + length - 1 - uma_space.lowest) / uma_space.page_size;
    pthread_mutex_lock(&space_lock);
    set_protection(first, last - first + 1, prot);
    pthread_mutex_unlock(&space_lock);
    return 0;
}

void *uma_user_view(const volatile void *user_pointer)
{
    uintptr_t address = (uintptr_t)user_pointer;
    uma_address_space_init();
    if (address < uma_space.lowest || address >= uma_space.probe) {
        return NULL;
    }
    return uma_space.user_view + (address - uma_space.lowest);
}

uintptr_t uma_user_lowest_address(void)
{
    uma_address_space_init();
    return uma_space.lowest;
}

uintptr_t uma_user_probe_address(void)
{
    uma_address_space_init();
    return uma_space.probe;
}

size_t uma_user_page_size(void)
{
    uma_address_space_init();
    return uma_space.page_size;
}

bool uma_is_user_address(const volatile void *pointer)
{
    uma_address_space_init();
    return uma_range_is_user((uintptr_t)pointer, 1);
}

/* ---- SMAP switch ---------------------------------------------------------- */

bool uma_smap_enable(bool enabled)
{
    bool previous;
    uma_address_space_init();
    pthread_mutex_lock(&space_lock);
    previous = smap_on;
    smap_on = enabled;
    uma_smap_note_state(enabled);
    apply_protection(0, page_count);
    pthread_mutex_unlock(&space_lock);
    return previous;
}
