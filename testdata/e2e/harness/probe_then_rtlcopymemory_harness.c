/*
 * probe_then_rtlcopymemory_harness.c - bug (c), ../probe_then_rtlcopymemory.c.
 *
 * NtE2eImportKey probes the caller's key blob and RtlCopyMemory's it.
 * Scenarios, each with the SMAP trap on and off:
 *   honest       a valid blob: the key the driver installs is the caller's
 *   bad magic    refused with STATUS_INVALID_PARAMETER
 *   kernel blob  a kernel address instead of a user one: the probe raises
 *                STATUS_ACCESS_VIOLATION in every variant
 *   race         a user thread flips Magic between valid and invalid: the
 *                recorder sees whether any user byte is fetched twice, and
 *                every installed key must be a whole, valid blob
 */
/* umalint-disable-file UM0001 -- host test code (libc, pthreads): umalint parses it for a Windows target */
#include <string.h>

#include "e2e_harness.h"

__kernel_entry NTSTATUS NtE2eImportKey(PE2E_KEY_BLOB UserBlob);

static ULONG installed_algorithm;
static UCHAR installed_key[32];
static unsigned long long installs;

/* The driver's key store. */
NTSTATUS E2eInstallKey(ULONG Algorithm, const UCHAR *Key, SIZE_T KeyLength)
{
    installed_algorithm = Algorithm;
    memcpy(installed_key, Key, KeyLength < sizeof installed_key ? KeyLength : sizeof installed_key);
    installs++;
    return STATUS_SUCCESS;
}

static void fill_blob(E2E_KEY_BLOB *blob, ULONG magic)
{
    blob->Magic = magic;
    blob->Algorithm = 3;
    for (size_t i = 0; i < sizeof blob->Key; i++) {
        blob->Key[i] = (UCHAR)(0xA0 + i);
    }
}

static void import(ULONG magic)
{
    PE2E_KEY_BLOB blob = uma_user_alloc(sizeof(E2E_KEY_BLOB), TYPE_ALIGNMENT(E2E_KEY_BLOB));
    E2E_KEY_BLOB expected;
    NTSTATUS status;

    fill_blob(uma_user_view(blob), magic);
    fill_blob(&expected, magic);
    uma_request_begin();
    status = NtE2eImportKey(blob);
    e2e_observe("double_fetches", uma_request_end());
    e2e_observe("status", (ULONG)status);
    e2e_observe("installs", installs);
    e2e_observe("key_matches", installs == 1 && installed_algorithm == expected.Algorithm &&
                                   memcmp(installed_key, expected.Key, sizeof installed_key) == 0);
    uma_user_free(blob);
}

static void honest(void)
{
    import(E2E_KEY_MAGIC);
}

static void bad_magic(void)
{
    import(0xBADu);
}

static void kernel_blob(void)
{
    static E2E_KEY_BLOB kernel_secret;
    NTSTATUS status;
    fill_blob(&kernel_secret, E2E_KEY_MAGIC);
    status = NtE2eImportKey(&kernel_secret);
    e2e_observe("status", (ULONG)status);
    e2e_observe("installs", installs);
}

static void race(void)
{
    PE2E_KEY_BLOB blob = uma_user_alloc(sizeof(E2E_KEY_BLOB), TYPE_ALIGNMENT(E2E_KEY_BLOB));
    E2E_FLIPPER *user_thread;
    E2E_KEY_BLOB expected;
    unsigned long long double_fetch_requests = 0, torn_installs = 0;

    fill_blob(uma_user_view(blob), E2E_KEY_MAGIC);
    fill_blob(&expected, E2E_KEY_MAGIC);
    user_thread = e2e_flipper_start(&blob->Magic, E2E_KEY_MAGIC, 0xBADu);
    uma_recorder_set_printing(false);
    for (int i = 0; i < 20000; i++) {
        unsigned long long before = installs;
        uma_request_begin();
        NtE2eImportKey(blob);
        double_fetch_requests += uma_request_end() != 0;
        torn_installs += installs != before && memcmp(installed_key, expected.Key, sizeof installed_key) != 0;
    }
    e2e_flipper_stop(user_thread);
    e2e_observe("double_fetch_requests", double_fetch_requests);
    e2e_observe("torn_installs", torn_installs);
    e2e_observe("installs", installs);
    uma_user_free(blob);
}

static void check_results(const E2E_RUN *honest_run, const E2E_RUN *bad_magic_run, const E2E_RUN *kernel_run)
{
    CHECK(honest_run->exited_normally);
    CHECK_EQ(e2e_value(honest_run, "status", ~0ull), STATUS_SUCCESS);
    CHECK_EQ(e2e_value(honest_run, "key_matches", 0), 1);
    CHECK(bad_magic_run->exited_normally);
    CHECK_EQ(e2e_value(bad_magic_run, "status", 0), (ULONG)STATUS_INVALID_PARAMETER);
    CHECK_EQ(e2e_value(bad_magic_run, "installs", ~0ull), 0);
    CHECK(kernel_run->exited_normally);
    CHECK_EQ(e2e_value(kernel_run, "status", 0), (ULONG)STATUS_ACCESS_VIOLATION);
    CHECK_EQ(e2e_value(kernel_run, "installs", ~0ull), 0);
}

static void check_quiet_race(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "double_fetch_requests", ~0ull), 0);
    CHECK_EQ(e2e_value(run, "torn_installs", ~0ull), 0);
}

int main(int argc, char **argv)
{
    E2E_EXPECTATION expectation = e2e_expectation(argc, argv);
    E2E_RUN honest_trap, honest_direct, bad_trap, bad_direct, kernel_trap, kernel_direct, race_trap, race_direct;
    int failures;

    printf("probe then RtlCopyMemory, expecting: %s\n", e2e_expectation_name(expectation));
    e2e_run(&honest_trap, "honest key blob", true, honest);
    e2e_run(&honest_direct, "honest key blob", false, honest);
    e2e_run(&bad_trap, "key blob with a bad magic", true, bad_magic);
    e2e_run(&bad_direct, "key blob with a bad magic", false, bad_magic);
    e2e_run(&kernel_trap, "kernel address as the blob", true, kernel_blob);
    e2e_run(&kernel_direct, "kernel address as the blob", false, kernel_blob);
    e2e_run(&race_trap, "racing user thread flips Magic", true, race);
    e2e_run(&race_direct, "racing user thread flips Magic", false, race);

    failures = uma_test_failed;
    check_results(&honest_direct, &bad_direct, &kernel_direct); /* same results for honest input */
    switch (expectation) {
    case E2E_EXPECT_BUG:
        CHECK(honest_trap.smap_report);
        CHECK(bad_trap.smap_report);
        CHECK(race_trap.smap_report);
        /* The probe still stops a kernel address before the copy. */
        CHECK(kernel_trap.exited_normally);
        break;
    case E2E_EXPECT_SAFE:
        check_results(&honest_trap, &bad_trap, &kernel_trap);
        CHECK_EQ(e2e_value(&honest_trap, "double_fetches", ~0ull), 0);
        check_quiet_race(&race_trap);
        check_quiet_race(&race_direct);
        break;
    case E2E_EXPECT_GAP:
        CHECK(!"no known gap for this handler");
        break;
    }
    e2e_dump_on_failure(&honest_trap, failures);
    e2e_dump_on_failure(&bad_trap, failures);
    e2e_dump_on_failure(&kernel_trap, failures);
    e2e_dump_on_failure(&race_trap, failures);
    e2e_dump_on_failure(&race_direct, failures);
    return uma_test_finish();
}
