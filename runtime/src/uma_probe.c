/*
 * uma_probe.c - the classic probe routines and raise helpers, host edition.
 *
 * ProbeForRead / ProbeForWrite / ExProbeAlignment follow section 3 of the
 * reference: zero length checks nothing; a misaligned address raises
 * STATUS_DATATYPE_MISALIGNMENT; a range that wraps, ends above
 * MmUserProbeAddress or (in this emulation, where everything below the
 * window is kernel memory) starts below the lowest user address raises
 * STATUS_ACCESS_VIOLATION. ProbeForWrite also touches one byte per page.
 */
#include "uma_internal.h"

ULONG_PTR MmUserProbeAddress;
PVOID MmHighestUserAddress;

/* Release-build alignment test of the WDK: Address & (Alignment - 1). */
static void check_alignment(uintptr_t address, ULONG alignment)
{
    if ((address & ((uintptr_t)alignment - 1)) != 0) {
        uma_raise(STATUS_DATATYPE_MISALIGNMENT);
    }
}

void uma_probe_user_range(const volatile void *address, size_t length)
{
    uma_address_space_init();
    if (!uma_range_is_user((uintptr_t)address, length)) {
        uma_raise(STATUS_ACCESS_VIOLATION);
    }
}

VOID ProbeForRead(const volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
    if (Length == 0) {
        return;
    }
    check_alignment((uintptr_t)Address, Alignment);
    uma_probe_user_range(Address, Length);
}

VOID ExProbeAlignment(const volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
    ProbeForRead(Address, Length, Alignment);
}

VOID ProbeForWrite(volatile VOID *Address, SIZE_T Length, ULONG Alignment)
{
    uintptr_t first;
    uintptr_t last;

    if (Length == 0) {
        return;
    }
    check_alignment((uintptr_t)Address, Alignment);
    uma_probe_user_range(Address, Length);

    /* Read and write back one byte in every page: the first byte, then the
     * start of each following page. An atomic OR with 0 does that without
     * losing a concurrent store. Faults become access violations in the
     * fault handler (these are alias addresses). */
    first = (uintptr_t)Address;
    last = first + Length - 1;
    for (uintptr_t byte = first; byte <= last;) {
        unsigned char *alias = uma_alias_of((const volatile void *)byte);
        __atomic_fetch_or(alias, 0, __ATOMIC_RELAXED);
        byte = (byte | (uma_space.page_size - 1)) + 1;
        if (byte == 0) {
            break;
        }
    }
}

VOID ExRaiseAccessViolation(VOID)
{
    uma_raise(STATUS_ACCESS_VIOLATION);
}

VOID ExRaiseDatatypeMisalignment(VOID)
{
    uma_raise(STATUS_DATATYPE_MISALIGNMENT);
}

VOID ExRaiseStatus(NTSTATUS Status)
{
    uma_raise(Status);
}
