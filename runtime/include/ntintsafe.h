/*
 * ntintsafe.h - umalint WDK shim: kernel-mode checked integer arithmetic.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text). The routines
 * (RtlULongAdd, RtlSIZETMult, ...) live in umashim_intsafe.h, which wdm.h
 * already includes; drivers that include ntintsafe.h directly get the same.
 */
#ifndef _NTINTSAFE_H_INCLUDED_
#define _NTINTSAFE_H_INCLUDED_

#include <wdm.h>

#endif
