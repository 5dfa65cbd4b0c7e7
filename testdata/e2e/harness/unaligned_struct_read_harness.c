/*
 * unaligned_struct_read_harness.c - bug (b), ../unaligned_struct_read.c.
 *
 * E2eSeekDeviceControl probes the seek request with alignment 1 and reads
 * its 64-bit Offset in place. Scenarios, each with the SMAP trap on and off:
 *   aligned      an honest request: Offset comes back in IoStatus.Information
 *   misaligned   the same request one byte off its alignment: the safe
 *                handler refuses it (STATUS_DATATYPE_MISALIGNMENT, what a
 *                strict-alignment processor would otherwise turn into a
 *                fault or a torn read); the original accepts it
 *   race         a user thread keeps rewriting Handle while requests run:
 *                the recorder sees whether any user byte is fetched twice
 */
/* umalint-disable-file UM0001 -- host test code (libc, pthreads): umalint parses it for a Windows target */
#include <string.h>

#include "e2e_harness.h"

#define SEEK_OFFSET 0x1122334455667788ull

NTSTATUS E2eSeekDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp);

/* A user buffer holding the request at the given distance from an 8-byte
 * boundary. */
static PE2E_SEEK_REQUEST new_user_request(size_t misalignment, UCHAR **block)
{
    PE2E_SEEK_REQUEST request;
    E2E_SEEK_REQUEST contents = {.Handle = 7, .Whence = 1, .Offset = SEEK_OFFSET};

    *block = uma_user_alloc(sizeof(E2E_SEEK_REQUEST) + 8, 8);
    request = (PE2E_SEEK_REQUEST)(*block + misalignment);
    memcpy(uma_user_view(request), &contents, sizeof contents);
    return request;
}

static void seek(size_t misalignment)
{
    UCHAR *block;
    PE2E_SEEK_REQUEST request = new_user_request(misalignment, &block);
    E2E_IRP irp;
    PIRP Irp = e2e_ioctl_irp(&irp, 0x222007, request, sizeof(E2E_SEEK_REQUEST));
    NTSTATUS status;

    uma_request_begin();
    status = E2eSeekDeviceControl(NULL, Irp);
    e2e_observe("double_fetches", uma_request_end());
    e2e_observe("status", (ULONG)status);
    e2e_observe("irp_status", (ULONG)Irp->IoStatus.Status);
    e2e_observe("information", Irp->IoStatus.Information);
    uma_user_free(block);
}

static void aligned(void)
{
    seek(0);
}

static void misaligned(void)
{
    seek(1);
}

static void race(void)
{
    UCHAR *block;
    PE2E_SEEK_REQUEST request = new_user_request(0, &block);
    E2E_FLIPPER *user_thread = e2e_flipper_start(&request->Handle, 7, 8);
    unsigned long long double_fetch_requests = 0, wrong_offsets = 0;

    uma_recorder_set_printing(false);
    for (int i = 0; i < 20000; i++) {
        E2E_IRP irp;
        PIRP Irp = e2e_ioctl_irp(&irp, 0x222007, request, sizeof(E2E_SEEK_REQUEST));
        uma_request_begin();
        E2eSeekDeviceControl(NULL, Irp);
        double_fetch_requests += uma_request_end() != 0;
        wrong_offsets += Irp->IoStatus.Information != SEEK_OFFSET;
    }
    e2e_flipper_stop(user_thread);
    e2e_observe("double_fetch_requests", double_fetch_requests);
    e2e_observe("wrong_offsets", wrong_offsets);
    uma_user_free(block);
}

static void check_accepted(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "status", ~0ull), STATUS_SUCCESS);
    CHECK_EQ(e2e_value(run, "irp_status", ~0ull), STATUS_SUCCESS);
    CHECK_EQ(e2e_value(run, "information", 0), SEEK_OFFSET);
}

static void check_refused_misaligned(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "status", 0), (ULONG)STATUS_DATATYPE_MISALIGNMENT);
    CHECK_EQ(e2e_value(run, "irp_status", 0), (ULONG)STATUS_DATATYPE_MISALIGNMENT);
    CHECK_EQ(e2e_value(run, "information", ~0ull), 0);
}

/* UBSan's -fsanitize=alignment report (builds with --config=asan). */
static bool ubsan_reported_misalignment(const E2E_RUN *run)
{
    return !run->exited_normally && strstr(run->output, "runtime error: member access within misaligned address") != NULL;
}

static void check_quiet_race(const E2E_RUN *run)
{
    CHECK(run->exited_normally);
    CHECK_EQ(e2e_value(run, "double_fetch_requests", ~0ull), 0);
    CHECK_EQ(e2e_value(run, "wrong_offsets", ~0ull), 0);
}

int main(int argc, char **argv)
{
    E2E_EXPECTATION expectation = e2e_expectation(argc, argv);
    E2E_RUN aligned_trap, aligned_direct, misaligned_trap, misaligned_direct, race_trap, race_direct;
    int failures;

    printf("unaligned struct read, expecting: %s\n", e2e_expectation_name(expectation));
    e2e_run(&aligned_trap, "aligned request", true, aligned);
    e2e_run(&aligned_direct, "aligned request", false, aligned);
    e2e_run(&misaligned_trap, "request misaligned by one byte", true, misaligned);
    e2e_run(&misaligned_direct, "request misaligned by one byte", false, misaligned);
    e2e_run(&race_trap, "racing user thread rewrites Handle", true, race);
    e2e_run(&race_direct, "racing user thread rewrites Handle", false, race);

    failures = uma_test_failed;
    check_accepted(&aligned_direct); /* same results for honest input */
    check_quiet_race(&race_direct);
    switch (expectation) {
    case E2E_EXPECT_BUG:
        CHECK(aligned_trap.smap_report);
        CHECK(race_trap.smap_report);
        /* Under UBSan (--config=asan) the misaligned member access is
         * reported before the load, so before the SMAP trap. */
        CHECK(misaligned_trap.smap_report || ubsan_reported_misalignment(&misaligned_trap));
        /* Let through, the direct read accepts the misaligned request. */
        if (ubsan_reported_misalignment(&misaligned_direct)) {
            printf("  UBSan reports the misaligned read of the original\n");
        } else {
            check_accepted(&misaligned_direct);
        }
        break;
    case E2E_EXPECT_SAFE:
        check_accepted(&aligned_trap);
        CHECK_EQ(e2e_value(&aligned_trap, "double_fetches", ~0ull), 0);
        check_refused_misaligned(&misaligned_trap);
        check_refused_misaligned(&misaligned_direct);
        check_quiet_race(&race_trap);
        break;
    case E2E_EXPECT_GAP:
        CHECK(!"no known gap for this handler");
        break;
    }
    e2e_dump_on_failure(&aligned_trap, failures);
    e2e_dump_on_failure(&misaligned_trap, failures);
    e2e_dump_on_failure(&misaligned_direct, failures);
    e2e_dump_on_failure(&race_trap, failures);
    e2e_dump_on_failure(&race_direct, failures);
    return uma_test_finish();
}
