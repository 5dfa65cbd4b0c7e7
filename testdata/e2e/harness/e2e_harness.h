/*
 * e2e_harness.h - what the end-to-end harnesses share.
 *
 * Each harness runs one driver handler (original, fixed by umalint, or
 * fixed by hand) through the same scenarios on the host runtime. Every
 * scenario runs in a forked child: the SMAP trap aborts the process on a
 * direct user access, and the parent must see that report rather than
 * die of it. The child writes what it observed as "e2e: key=value" lines
 * on stderr; the parent reads them back with e2e_value().
 *
 * Assertions, the child runner and the ASan options come from the runtime
 * tests' helper (runtime/tests/uma_test.h); this adds the pieces about
 * driver requests: IRPs, the device extension canary, the racing user
 * thread and the expectation a test target passes on its command line.
 */
#ifndef E2E_HARNESS_H
#define E2E_HARNESS_H

#include <stdbool.h>

#include "testdata/e2e/e2e_driver.h"
#include "runtime/tests/uma_test.h"

/* What the test target claims about the handler it links (argv[1]). */
typedef enum {
    E2E_EXPECT_BUG,  /* "--expect=bug": the original; the runtime must catch it */
    E2E_EXPECT_SAFE, /* "--expect=safe": fixed code; nothing may be reported */
    E2E_EXPECT_GAP,  /* "--expect=gap": umalint's fix is known to be incomplete */
} E2E_EXPECTATION;

E2E_EXPECTATION e2e_expectation(int argc, char **argv);
const char *e2e_expectation_name(E2E_EXPECTATION expectation);

/* ---- scenarios in a child ------------------------------------------------- */

typedef struct {
    const char *name;
    bool smap_trap;       /* run with the SMAP trap on (the runtime's default) */
    bool exited_normally; /* the scenario ran to the end */
    bool smap_report;     /* died of SIGABRT after "umaccess: SMAP violation" */
    char output[16384];   /* the child's stderr */
} E2E_RUN;

/* Run scenario in a forked child with the SMAP trap set as asked. The trap
 * is turned off with uma_smap_enable(false) only in scenarios that show
 * what a direct access does once it is allowed (the overflow, the leak). */
void e2e_run(E2E_RUN *run, const char *name, bool smap_trap, void (*scenario)(void));

/* In the child: report an observation. */
void e2e_observe(const char *key, unsigned long long value);

/* In the parent: the last value reported under key, or fallback. */
unsigned long long e2e_value(const E2E_RUN *run, const char *key, unsigned long long fallback);

/* Print the child's output once, to explain a failed check. */
void e2e_dump_on_failure(const E2E_RUN *run, int failures_before);

/* ---- driver requests ------------------------------------------------------ */

/* An IRP with one stack location carrying a METHOD_NEITHER IOCTL. */
typedef struct {
    IRP Irp;
    IO_STACK_LOCATION Stack;
} E2E_IRP;

PIRP e2e_ioctl_irp(E2E_IRP *storage, ULONG code, PVOID type3_input, ULONG input_length);
PIO_STACK_LOCATION e2e_ioctl_stack(E2E_IRP *storage, ULONG code, PVOID type3_input, ULONG input_length);

/* The device extension with a canary over everything after Staging: an
 * overflowing copy into Staging shows as a broken canary (ASan does not
 * see an overflow that stays inside the extension). */
void e2e_extension_init(PE2E_DEVICE_EXTENSION extension);
bool e2e_extension_canary_intact(const E2E_DEVICE_EXTENSION *extension);

/* ---- the racing user thread ----------------------------------------------- */

/* A user thread that keeps storing first, second, first, ... into a ULONG
 * of user memory through uma_user_view(), as a second thread of the calling
 * process would. */
typedef struct E2E_FLIPPER E2E_FLIPPER;
E2E_FLIPPER *e2e_flipper_start(volatile ULONG *user_field, ULONG first, ULONG second);
void e2e_flipper_stop(E2E_FLIPPER *flipper);

#endif /* E2E_HARNESS_H */
