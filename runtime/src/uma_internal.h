/*
 * uma_internal.h - what the host runtime's source files share.
 *
 * The emulated address space (uma_address_space.c) is three mappings of
 * one memfd:
 *
 *   kernel-visible window  [lowest, probe)  the addresses driver code gets;
 *                                           PROT_NONE while the SMAP trap
 *                                           is on, so a plain *p faults
 *   accessor alias         same size        where the Rtl* primitives
 *                                           actually load and store
 *   user view              same size        what a test "user thread" uses
 *
 * Each is followed by a 64 KiB PROT_NONE guard. A user address u maps to
 * alias + (u - lowest). Faults at alias addresses come from accessors and
 * become STATUS_ACCESS_VIOLATION; faults in the kernel-visible window come
 * from direct access by code under test (uma_fault_handler.c).
 */
#ifndef UMA_INTERNAL_H
#define UMA_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ntddk.h>
#include <usermode_accessors.h>

#include "uma_host.h"

#define UMA_GUARD_SIZE ((size_t)64 * 1024)

struct uma_address_space {
    uintptr_t lowest;    /* first user address (kernel-visible window)  */
    uintptr_t probe;     /* MmUserProbeAddress: lowest + size           */
    size_t size;         /* bytes in the window                         */
    size_t page_size;
    unsigned char *alias;     /* accessor mapping of the same bytes     */
    unsigned char *user_view; /* "user process" mapping                 */
};

/* Valid once uma_address_space_init() has returned. */
extern struct uma_address_space uma_space;

/* Set up the window, the probe variables and the fault handler (once,
 * thread-safe). Every entry point that looks at uma_space calls it; after
 * start-up that is one acquire load. */
extern _Atomic bool uma_space_ready;
void uma_address_space_init_slow(void);

static inline void uma_address_space_init(void)
{
    if (__builtin_expect(!atomic_load_explicit(&uma_space_ready, memory_order_acquire), 0)) {
        uma_address_space_init_slow();
    }
}

static inline bool uma_range_is_user(uintptr_t address, size_t length)
{
    uintptr_t end = address + length;
    return address >= uma_space.lowest && end >= address && end <= uma_space.probe;
}

/* Translate a (probed) user address to the accessor alias. */
static inline void *uma_alias_of(const volatile void *user)
{
    return uma_space.alias + ((uintptr_t)user - uma_space.lowest);
}

static inline bool uma_address_in_alias(uintptr_t address)
{
    uintptr_t base = (uintptr_t)uma_space.alias;
    return uma_space.alias != NULL && address >= base && address < base + uma_space.size + UMA_GUARD_SIZE;
}

static inline bool uma_address_in_kernel_window(uintptr_t address)
{
    return uma_space.lowest != 0 && address >= uma_space.lowest &&
           address < uma_space.probe + UMA_GUARD_SIZE;
}

/* ---- probes (uma_probe.c) ---------------------------------------------- */

/* ProbeForRead(Address, Length, 1) without the zero-length early return
 * being the caller's problem: raises STATUS_ACCESS_VIOLATION unless the
 * whole range is user memory. */
void uma_probe_user_range(const volatile void *address, size_t length);

/* ---- exceptions (uma_raise.c) ------------------------------------------ */
_Noreturn void uma_raise(NTSTATUS status);
_Noreturn void uma_raise_from_signal(NTSTATUS status);

/* ---- fault handling (uma_fault_handler.c, uma_smap.c) ------------------- */
void uma_fault_handler_install(void);
bool uma_smap_is_on(void);
void uma_smap_note_state(bool enabled);
_Noreturn void uma_smap_report_violation(uintptr_t address, const void *instruction, bool is_write);

/* ---- double-fetch recorder (uma_recorder.c) ----------------------------- */
struct uma_fetch_site {
    const char *file;
    int line;
    const void *return_address;
};

/* Take (and clear) the call site the public wrapper noted; fall back to the
 * primitive's return address when the caller passed none. */
static inline struct uma_fetch_site uma_take_call_site(const void *return_address)
{
    struct uma_fetch_site site = {uma_pending_call_site.file, uma_pending_call_site.line, return_address};
    uma_pending_call_site.file = NULL;
    return site;
}

extern _Thread_local bool uma_recorder_active;
void uma_recorder_note_fetch_slow(uintptr_t start, size_t length, const struct uma_fetch_site *site);

/* Record that [start, start + length) was fetched from user memory. */
static inline void uma_recorder_note_fetch(const volatile void *start, size_t length,
                                           const struct uma_fetch_site *site)
{
    if (uma_recorder_active && length != 0) {
        uma_recorder_note_fetch_slow((uintptr_t)start, length, site);
    }
}

/* "file:line" or "0xADDR (symbol+0xOFF)". */
void uma_format_site(char *out, size_t size, const char *file, int line, const void *return_address);

#endif /* UMA_INTERNAL_H */
