/*
 * e2e_harness.c - child runner, IRPs, canary and racing user thread of the
 * end-to-end harnesses (see e2e_harness.h), plus the one kernel routine
 * the handlers call that the host runtime does not provide.
 */
/* umalint-disable-file UM0001 -- host test code (libc, pthreads): umalint parses it for a Windows target */
#include "e2e_harness.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define E2E_CANARY_BYTE 0xC5

E2E_EXPECTATION e2e_expectation(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--expect=bug") == 0) {
        return E2E_EXPECT_BUG;
    }
    if (argc > 1 && strcmp(argv[1], "--expect=safe") == 0) {
        return E2E_EXPECT_SAFE;
    }
    if (argc > 1 && strcmp(argv[1], "--expect=gap") == 0) {
        return E2E_EXPECT_GAP;
    }
    fprintf(stderr, "usage: %s --expect=bug|safe|gap\n", argc > 0 ? argv[0] : "e2e");
    exit(2);
}

const char *e2e_expectation_name(E2E_EXPECTATION expectation)
{
    switch (expectation) {
    case E2E_EXPECT_BUG:
        return "bug";
    case E2E_EXPECT_SAFE:
        return "safe";
    case E2E_EXPECT_GAP:
        return "gap";
    }
    return "?";
}

/* ---- scenarios in a child ------------------------------------------------- */

/* uma_test_run_in_child takes a plain function; these carry the arguments. */
static void (*child_scenario)(void);
static bool child_smap_trap;

static void run_child_scenario(void)
{
    uma_smap_enable(child_smap_trap);
    uma_recorder_set_printing(true);
    child_scenario();
    fflush(stdout);
    fflush(stderr);
}

void e2e_run(E2E_RUN *run, const char *name, bool smap_trap, void (*scenario)(void))
{
    int status;

    memset(run, 0, sizeof *run);
    run->name = name;
    run->smap_trap = smap_trap;
    child_scenario = scenario;
    child_smap_trap = smap_trap;
    status = uma_test_run_in_child(run_child_scenario, run->output, sizeof run->output);
    run->exited_normally = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    run->smap_report = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
                       strstr(run->output, "umaccess: SMAP violation: direct kernel access to user address 0x") != NULL;
    printf("  %-44s SMAP trap %-3s -> %s\n", name, smap_trap ? "on" : "off",
           run->exited_normally ? "ran to the end" : run->smap_report ? "SMAP report, abort" : "died otherwise");
}

void e2e_observe(const char *key, unsigned long long value)
{
    fprintf(stderr, "e2e: %s=%llu\n", key, value);
}

unsigned long long e2e_value(const E2E_RUN *run, const char *key, unsigned long long fallback)
{
    char prefix[96];
    unsigned long long value = fallback;
    const char *at = run->output;

    snprintf(prefix, sizeof prefix, "e2e: %s=", key);
    while ((at = strstr(at, prefix)) != NULL) {
        at += strlen(prefix);
        value = strtoull(at, NULL, 10);
    }
    return value;
}

void e2e_dump_on_failure(const E2E_RUN *run, int failures_before)
{
    if (uma_test_failed > failures_before) {
        fprintf(stderr, "---- output of scenario '%s' ----\n%s---- end ----\n", run->name, run->output);
    }
}

/* ---- driver requests ------------------------------------------------------ */

PIRP e2e_ioctl_irp(E2E_IRP *storage, ULONG code, PVOID type3_input, ULONG input_length)
{
    memset(storage, 0, sizeof *storage);
    storage->Irp.RequestorMode = UserMode;
    storage->Irp.StackCount = 1;
    storage->Irp.CurrentLocation = 1;
    storage->Irp.Tail.Overlay.CurrentStackLocation = &storage->Stack;
    storage->Stack.MajorFunction = IRP_MJ_DEVICE_CONTROL;
    storage->Stack.Parameters.DeviceIoControl.IoControlCode = code;
    storage->Stack.Parameters.DeviceIoControl.Type3InputBuffer = type3_input;
    storage->Stack.Parameters.DeviceIoControl.InputBufferLength = input_length;
    return &storage->Irp;
}

PIO_STACK_LOCATION e2e_ioctl_stack(E2E_IRP *storage, ULONG code, PVOID type3_input, ULONG input_length)
{
    return IoGetCurrentIrpStackLocation(e2e_ioctl_irp(storage, code, type3_input, input_length));
}

void e2e_extension_init(PE2E_DEVICE_EXTENSION extension)
{
    memset(extension->Staging, 0, sizeof extension->Staging);
    memset(extension->State, E2E_CANARY_BYTE, sizeof extension->State);
}

bool e2e_extension_canary_intact(const E2E_DEVICE_EXTENSION *extension)
{
    const UCHAR *bytes = (const UCHAR *)extension->State;
    for (size_t i = 0; i < sizeof extension->State; i++) {
        if (bytes[i] != E2E_CANARY_BYTE) {
            return false;
        }
    }
    return true;
}

/* The I/O manager's completion: the harness reads the IRP afterwards. */
VOID NTAPI IoCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    (void)Irp;
    (void)PriorityBoost;
}

/* ---- the racing user thread ----------------------------------------------- */

struct E2E_FLIPPER {
    pthread_t thread;
    ULONG *view; /* the user thread's address of the field */
    ULONG values[2];
    atomic_bool stop;
};

static void *flip(void *argument)
{
    E2E_FLIPPER *flipper = argument;
    while (!atomic_load(&flipper->stop)) {
        __atomic_store_n(flipper->view, flipper->values[0], __ATOMIC_RELAXED);
        __atomic_store_n(flipper->view, flipper->values[1], __ATOMIC_RELAXED);
    }
    __atomic_store_n(flipper->view, flipper->values[0], __ATOMIC_RELAXED);
    return NULL;
}

E2E_FLIPPER *e2e_flipper_start(volatile ULONG *user_field, ULONG first, ULONG second)
{
    E2E_FLIPPER *flipper = calloc(1, sizeof *flipper);
    if (flipper == NULL) {
        abort();
    }
    flipper->view = uma_user_view(user_field);
    flipper->values[0] = first;
    flipper->values[1] = second;
    atomic_store(&flipper->stop, false);
    if (flipper->view == NULL || pthread_create(&flipper->thread, NULL, flip, flipper) != 0) {
        abort();
    }
    return flipper;
}

void e2e_flipper_stop(E2E_FLIPPER *flipper)
{
    atomic_store(&flipper->stop, true);
    pthread_join(flipper->thread, NULL);
    free(flipper);
}
