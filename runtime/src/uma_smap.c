/*
 * uma_smap.c - the SMAP trap's state and its violation report.
 *
 * Real SMAP (x86) / PAN (ARM) make a kernel-mode access to a user page
 * fault unless it goes through a sanctioned accessor. The host runtime
 * imitates that by keeping the kernel-visible window inaccessible; the
 * fault handler calls uma_smap_report_violation() for faults there. The
 * report names the user address and the faulting instruction, prints a
 * backtrace and aborts, so a test fails at the offending line.
 */
#include "uma_internal.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_bool smap_enabled = true;

bool uma_smap_is_on(void)
{
    return atomic_load_explicit(&smap_enabled, memory_order_relaxed);
}

void uma_smap_note_state(bool enabled)
{
    atomic_store_explicit(&smap_enabled, enabled, memory_order_relaxed);
}

bool uma_smap_enabled(void)
{
    uma_address_space_init();
    return uma_smap_is_on();
}

static void write_all(const char *text, size_t length)
{
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) {
            return;
        }
        text += written;
        length -= (size_t)written;
    }
}

_Noreturn void uma_smap_report_violation(uintptr_t address, const void *instruction, bool is_write)
{
    char where[256];
    char line[512];
    void *frames[64];
    int frame_count;
    int length;

    /* We abort right after this, so the non-async-signal-safe dladdr and
     * snprintf are acceptable: nothing else runs on this process. */
    uma_format_site(where, sizeof where, NULL, 0, instruction);
    length = snprintf(line, sizeof line,
                      "umaccess: SMAP violation: direct kernel access to user address 0x%lx (%s) "
                      "at %s; use the user-mode accessors (CopyFromUser, ReadULongFromUser, ...)\n",
                      (unsigned long)address, is_write ? "write" : "read", where);
    if (length > 0) {
        write_all(line, (size_t)length < sizeof line ? (size_t)length : sizeof line - 1);
    }
    frame_count = backtrace(frames, 64);
    write_all("umaccess: backtrace:\n", 21);
    backtrace_symbols_fd(frames, frame_count, STDERR_FILENO);
    abort();
}
