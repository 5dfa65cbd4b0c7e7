/*
 * uma_raise.c - how the accessor runtime raises structured exceptions.
 *
 * All raising goes through the SEH emulation (excpt.h / seh.c), which
 * unwinds to the innermost __try of the calling thread. The signal variant
 * is used from the SIGSEGV/SIGBUS handler; the __try it lands in restores
 * its saved signal mask.
 */
#include "uma_internal.h"

#include <excpt.h>

_Noreturn void uma_raise(NTSTATUS status)
{
    uma_seh_raise((int32_t)status);
}

_Noreturn void uma_raise_from_signal(NTSTATUS status)
{
    uma_seh_raise_from_signal((int32_t)status);
}
