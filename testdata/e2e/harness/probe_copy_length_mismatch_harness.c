/*
 * probe_copy_length_mismatch_harness.c - bug (d), ../probe_copy_length_mismatch.c.
 *
 * E2eSendPacket probes InputBufferLength bytes and copies PayloadLength
 * bytes. Scenarios, each with the SMAP trap on and off:
 *   honest        32 bytes probed, 32 copied: the staging buffer holds them
 *   kernel leak   InputBufferLength 0 (the probe checks nothing) and a kernel
 *                 address holding a secret: the original copies the secret
 *                 into the device (the SMAP trap cannot see it, the address
 *                 is not user memory); the safe handler raises
 *                 STATUS_ACCESS_VIOLATION
 *   race          a user thread rewrites the payload's first bytes: the
 *                 recorder sees whether any user byte is fetched twice
 */
/* umalint-disable-file UM0001 -- host test code (libc, pthreads): umalint parses it for a Windows target */
#include <string.h>

#include "e2e_harness.h"

#define PAYLOAD_LENGTH 32u

NTSTATUS E2eSendPacket(PE2E_DEVICE_EXTENSION Extension, PIO_STACK_LOCATION IrpSp, ULONG PayloadLength);

static const char kernel_secret[PAYLOAD_LENGTH] = "kernel secret: do not disclose";

static void honest(void)
{
    UCHAR *payload = uma_user_alloc(PAYLOAD_LENGTH, 1);
    E2E_DEVICE_EXTENSION extension;
    E2E_IRP irp;
    NTSTATUS status;

    for (ULONG i = 0; i < PAYLOAD_LENGTH; i++) {
        ((UCHAR *)uma_user_view(payload))[i] = (UCHAR)(0x30 + i);
    }
    e2e_extension_init(&extension);
    uma_request_begin();
    status = E2eSendPacket(&extension, e2e_ioctl_stack(&irp, 0x22200B, payload, PAYLOAD_LENGTH), PAYLOAD_LENGTH);
    e2e_observe("double_fetches", uma_request_end());
    e2e_observe("status", (ULONG)status);
    e2e_observe("staging_matches", memcmp(extension.Staging, uma_user_view(payload), PAYLOAD_LENGTH) == 0);
    e2e_observe("canary_intact", e2e_extension_canary_intact(&extension));
    uma_user_free(payload);
}

static void kernel_leak(void)
{
    E2E_DEVICE_EXTENSION extension;
    E2E_IRP irp;
    NTSTATUS status;

    e2e_extension_init(&extension);
    status = E2eSendPacket(&extension, e2e_ioctl_stack(&irp, 0x22200B, (PVOID)kernel_secret, 0), PAYLOAD_LENGTH);
    e2e_observe("status", (ULONG)status);
    e2e_observe("leaked", memcmp(extension.Staging, kernel_secret, PAYLOAD_LENGTH) == 0);
}

static void race(void)
{
    UCHAR *payload = uma_user_alloc(PAYLOAD_LENGTH, 4);
    E2E_FLIPPER *user_thread = e2e_flipper_start((ULONG *)payload, 1, 2);
    unsigned long long double_fetch_requests = 0, failures = 0;

    uma_recorder_set_printing(false);
    for (int i = 0; i < 20000; i++) {
        E2E_DEVICE_EXTENSION extension;
        E2E_IRP irp;
        e2e_extension_init(&extension);
        uma_request_begin();
        failures += !NT_SUCCESS(
            E2eSendPacket(&extension, e2e_ioctl_stack(&irp, 0x22200B, payload, PAYLOAD_LENGTH), PAYLOAD_LENGTH));
        double_fetch_requests += uma_request_end() != 0;
    }
    e2e_flipper_stop(user_thread);
    e2e_observe("double_fetch_requests", double_fetch_requests);
    e2e_observe("failures", failures);
    uma_user_free(payload);
}

static void check_honest(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "status", ~0ull), STATUS_SUCCESS);
    CHECK_EQ(e2e_value(run, "staging_matches", 0), 1);
    CHECK_EQ(e2e_value(run, "canary_intact", 0), 1);
}

static void check_no_leak(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "status", 0), (ULONG)STATUS_ACCESS_VIOLATION);
    CHECK_EQ(e2e_value(run, "leaked", ~0ull), 0);
}

static void check_quiet_race(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "double_fetch_requests", ~0ull), 0);
    CHECK_EQ(e2e_value(run, "failures", ~0ull), 0);
}

int main(int argc, char **argv)
{
    E2E_EXPECTATION expectation = e2e_expectation(argc, argv);
    E2E_RUN honest_trap, honest_direct, leak_trap, leak_direct, race_trap, race_direct;
    int failures;

    printf("probe/copy length mismatch, expecting: %s\n", e2e_expectation_name(expectation));
    e2e_run(&honest_trap, "honest payload", true, honest);
    e2e_run(&honest_direct, "honest payload", false, honest);
    e2e_run(&leak_trap, "kernel address, nothing probed", true, kernel_leak);
    e2e_run(&leak_direct, "kernel address, nothing probed", false, kernel_leak);
    e2e_run(&race_trap, "racing user thread rewrites the payload", true, race);
    e2e_run(&race_direct, "racing user thread rewrites the payload", false, race);

    failures = uma_test_failed;
    check_honest(&honest_direct); /* same results for honest input */
    check_quiet_race(&race_direct);
    switch (expectation) {
    case E2E_EXPECT_BUG:
        CHECK(honest_trap.smap_report);
        CHECK(race_trap.smap_report);
        /* The kernel address is not user memory: no trap, the secret leaks. */
        CHECK(leak_trap.exited_normally);
        CHECK_EQ(e2e_value(&leak_trap, "status", ~0ull), STATUS_SUCCESS);
        CHECK_EQ(e2e_value(&leak_trap, "leaked", 0), 1);
        CHECK_EQ(e2e_value(&leak_direct, "leaked", 0), 1);
        break;
    case E2E_EXPECT_SAFE:
        check_honest(&honest_trap);
        CHECK_EQ(e2e_value(&honest_trap, "double_fetches", ~0ull), 0);
        check_no_leak(&leak_trap);
        check_no_leak(&leak_direct);
        check_quiet_race(&race_trap);
        break;
    case E2E_EXPECT_GAP:
        CHECK(!"no known gap for this handler");
        break;
    }
    e2e_dump_on_failure(&honest_trap, failures);
    e2e_dump_on_failure(&leak_trap, failures);
    e2e_dump_on_failure(&leak_direct, failures);
    e2e_dump_on_failure(&race_trap, failures);
    e2e_dump_on_failure(&race_direct, failures);
    return uma_test_finish();
}
