/*
 * wdm.h - umalint WDK shim: the WDM kernel-mode driver interface.
 *
 * Part of the umalint bundled WDK shim headers, written from public API
 * facts for umalint (this is not Microsoft's header text).
 *
 * Pulls in ntdef.h (basic types), excpt.h (SEH keywords; provided by the
 * umalint runtime, not by this shim) and the internal umashim_*.h parts:
 *   umashim_ke.h          kernel objects, IRQL, Ke* routines
 *   umashim_interlocked.h Interlocked*, barriers, Read/Write*NoFence
 *   umashim_rtl.h         Rtl* memory/string/list routines, DbgPrint, ASSERT
 *   umashim_intsafe.h     RtlULongAdd-style checked arithmetic
 *   umashim_io.h          IRP, IO_STACK_LOCATION, device/driver/file objects
 *   umashim_exmm.h        pool, Ex*, probes, Mm*, Ob*, Ps*, Zw*
 */
#ifndef _WDMDDK_
#define _WDMDDK_
#ifndef UMASHIM_WDM_H
#define UMASHIM_WDM_H

/* ---- target version (sdkddkver-style) ----------------------------------- */
#define NTDDI_WIN7 0x06010000
#define NTDDI_WIN8 0x06020000
#define NTDDI_WINBLUE 0x06030000
#define NTDDI_WINTHRESHOLD 0x0A000000
#define NTDDI_WIN10 0x0A000000
#define NTDDI_WIN10_TH2 0x0A000001
#define NTDDI_WIN10_RS1 0x0A000002
#define NTDDI_WIN10_RS2 0x0A000003
#define NTDDI_WIN10_RS3 0x0A000004
#define NTDDI_WIN10_RS4 0x0A000005
#define NTDDI_WIN10_RS5 0x0A000006
#define NTDDI_WIN10_19H1 0x0A000007
#define NTDDI_WIN10_VB 0x0A000008
#define NTDDI_WIN10_MN 0x0A000009
#define NTDDI_WIN10_FE 0x0A00000A
#define NTDDI_WIN10_CO 0x0A00000B
#define NTDDI_WIN10_NI 0x0A00000C
#define NTDDI_WIN10_CU 0x0A00000D
#define NTDDI_WIN11_ZN 0x0A00000E
#define NTDDI_WIN11_GA 0x0A00000F
#define NTDDI_WIN11_GE 0x0A000010
#ifndef NTDDI_VERSION
#define NTDDI_VERSION NTDDI_WIN11_GE
#endif
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0A00
#endif
#ifndef WINVER
#define WINVER 0x0A00
#endif

#include <ntdef.h>
#include <excpt.h>
#include <umashim_ke.h>
#include <umashim_interlocked.h>
#include <umashim_rtl.h>
#include <umashim_intsafe.h>
#include <umashim_io.h>
#include <umashim_exmm.h>

/* ---- code placement ------------------------------------------------------
 * ALLOC_PRAGMA / ALLOC_DATA_PRAGMA are deliberately left undefined, so the
 * usual "#ifdef ALLOC_PRAGMA / #pragma alloc_text" blocks are skipped. */
#define PAGED_CODE() ((void)0)
#define PAGED_CODE_LOCKED() ((void)0)
#define PAGED_ASSERT(exp) ((void)0)
#define INIT_CODE() ((void)0)

#endif /* UMASHIM_WDM_H */
#endif /* _WDMDDK_ */
