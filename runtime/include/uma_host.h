/*
 * uma_host.h - test API of the host (Linux) accessor runtime.
 *
 * Host tests run driver code against an emulated address space: a window
 * of "user memory" [uma_user_lowest_address(), MmUserProbeAddress) with a
 * 64 KiB no-access guard above it; every other address counts as kernel
 * memory. Tests allocate user buffers here, hand the returned (kernel-
 * visible) pointers to the code under test and play the user process
 * through uma_user_view().
 *
 * SMAP trap: while enabled (the default; UMA_SMAP=0 in the environment or
 * uma_smap_enable(false) turns it off) the window's kernel-visible pages
 * are inaccessible, so a plain *p / p->f / memcpy on user memory by code
 * under test prints "umaccess: SMAP violation: ..." and aborts. The
 * accessors reach the bytes through a private alias mapping.
 *
 * Double-fetch recorder: between uma_request_begin() and uma_request_end()
 * on one thread, every user byte read through an accessor is recorded with
 * its call site; a byte read again by a later accessor call is reported.
 *
 * Nothing here exists on a Windows target.
 */
#ifndef UMA_HOST_H
#define UMA_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- address space -------------------------------------------------------- */

/* Page protections as the user process sees them. */
#define UMA_PROT_NONE 0
#define UMA_PROT_READ 1
#define UMA_PROT_RW 3

/* A zero-filled user buffer, aligned to align (a power of two, 0 = 1). The
 * page after the buffer's last page is never mapped. NULL when the window
 * is full or align is invalid. */
void *uma_user_alloc(size_t size, size_t align);

/* A user buffer whose last byte is the last byte of a page: the byte just
 * after it is unmapped, so reading past the end faults. */
void *uma_user_alloc_at_page_end(size_t size);

/* Release a buffer from either allocator (any address inside it works);
 * its pages become unmapped. NULL is ignored. */
void uma_user_free(void *user_pointer);

/* Change the protection of the pages covering [user_pointer, +length):
 * UMA_PROT_NONE unmaps them, UMA_PROT_READ makes them read-only. Returns 0,
 * or -1 when the range is not inside the user window. */
int uma_user_protect(void *user_pointer, size_t length, int prot);

/* The address at which a test "user thread" reads and writes the bytes of
 * a user pointer directly (the same physical memory). NULL if the pointer
 * is not a user address. */
void *uma_user_view(const volatile void *user_pointer);

/* Window bounds: [lowest, probe) is user space; probe == MmUserProbeAddress. */
uintptr_t uma_user_lowest_address(void);
uintptr_t uma_user_probe_address(void);
size_t uma_user_page_size(void);
bool uma_is_user_address(const volatile void *pointer);

/* ---- SMAP trap ------------------------------------------------------------ */

/* Turn the trap on or off; returns the previous setting. */
bool uma_smap_enable(bool enabled);
bool uma_smap_enabled(void);

/* ---- double-fetch recorder ------------------------------------------------ */

struct uma_call_site {
    const char *file;            /* NULL when only the address is known */
    int line;
    const void *return_address;  /* code address of the call            */
};

/* One user fetch: [start, start + length) read by one accessor call. */
struct uma_fetch {
    uintptr_t start;
    size_t length;
    struct uma_call_site site;
};

/* Bytes [start, end) read at "first" and read again at "again". */
struct uma_double_fetch {
    uintptr_t start;
    uintptr_t end;
    struct uma_call_site first;
    struct uma_call_site again;
};

/* Start recording this thread's user fetches (clears the previous
 * request's records and reports). */
void uma_request_begin(void);

/* Stop recording; print each report to stderr as
 *   umaccess: double fetch of user bytes [0x..., 0x...): first at f.c:10, again at f.c:12
 * and return the number of double fetches found. */
size_t uma_request_end(void);

/* Reports and fetch log of this thread's last (or current) request. */
size_t uma_double_fetch_count(void);
const struct uma_double_fetch *uma_double_fetch_get(size_t index);
size_t uma_fetch_count(void);
const struct uma_fetch *uma_fetch_get(size_t index);

/* Format a report the way uma_request_end() prints it (no newline); returns
 * what snprintf returns. */
int uma_double_fetch_format(const struct uma_double_fetch *report, char *out, size_t size);

/* Whether uma_request_end() prints its reports (default true). */
void uma_recorder_set_printing(bool print);

#ifdef __cplusplus
}
#endif

#endif /* UMA_HOST_H */
