/*
 * uma_kernel_memory.c - kernel-side helpers behind the ...Mode accessors.
 *
 * The KernelMode paths copy and fill kernel memory with volatile semantics
 * (RtlCopyVolatileMemory / RtlFillVolatileMemory in the newer header).
 * Being out of line keeps the compiler from eliding or re-fetching them.
 * The DBG fast-fail check lives here too.
 */
#include "uma_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

VOID uma_copy_volatile_memory(volatile VOID *Destination, const volatile VOID *Source, SIZE_T Length)
{
    memcpy((void *)Destination, (const void *)Source, Length);
}

VOID uma_fill_volatile_memory(volatile VOID *Destination, SIZE_T Length, UCHAR Fill)
{
    memset((void *)Destination, Fill, Length);
}

SIZE_T uma_kernel_string_length(const volatile CHAR *String)
{
    SIZE_T length = 0;
    while (String[length] != 0) {
        length++;
    }
    return length;
}

SIZE_T uma_kernel_wide_string_length(const volatile WCHAR *String)
{
    SIZE_T length = 0;
    while (String[length] != 0) {
        length++;
    }
    return length;
}

/* __fastfail(FAST_FAIL_KERNEL_POINTER_EXPECTED): not an exception, so no
 * __except can swallow it. */
VOID uma_fast_fail_if_user_pointer(const volatile VOID *Pointer)
{
    if (Pointer != NULL && uma_is_user_address(Pointer)) {
        fprintf(stderr, "umaccess: fast fail 77 (FAST_FAIL_KERNEL_POINTER_EXPECTED): user pointer %p "
                        "passed where a kernel pointer is expected\n", (const void *)Pointer);
        abort();
    }
}
