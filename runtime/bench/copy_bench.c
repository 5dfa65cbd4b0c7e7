/*
 * copy_bench.c - CopyFromUser versus memcpy throughput on the host runtime.
 *
 * For each size, copies from a user buffer (CopyFromUser) and from an
 * ordinary heap buffer (memcpy) into the same kernel buffer. Rounds of
 * about 40 ms alternate between the two (so noise from other processes
 * hits both alike); the best of seven rounds each is reported in GB/s with
 * the ratio. Built with -O2 by run_copy_bench.sh; not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ntddk.h>
#include <usermode_accessors.h>
#include <uma_host.h>

static double now(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec * 1e-9;
}

/* Keeps memcpy from being optimised away. */
static void sink(const void *pointer)
{
    __asm__ volatile("" : : "r"(pointer) : "memory");
}

/* One round: iterations copies; returns GB/s. */
static double round_rate(int use_accessor, unsigned char *destination, const unsigned char *source, size_t size,
                         size_t iterations)
{
    double start = now();
    for (size_t index = 0; index < iterations; index++) {
        if (use_accessor) {
            CopyFromUser(destination, source, size);
        } else {
            memcpy(destination, source, size);
        }
        sink(destination);
    }
    return (double)size * (double)iterations / (now() - start) / 1e9;
}

static void measure(unsigned char *destination, const unsigned char *heap, const unsigned char *user, size_t size,
                    double *memcpy_best, double *accessor_best)
{
    size_t iterations = 1;
    double start;

    /* Calibrate to roughly 40 ms per round. */
    for (;;) {
        start = now();
        round_rate(0, destination, heap, size, iterations);
        if (now() - start > 0.04) {
            break;
        }
        iterations *= 2;
    }
    *memcpy_best = 0;
    *accessor_best = 0;
    for (int round = 0; round < 7; round++) {
        double plain = round_rate(0, destination, heap, size, iterations);
        double accessor = round_rate(1, destination, user, size, iterations);
        *memcpy_best = plain > *memcpy_best ? plain : *memcpy_best;
        *accessor_best = accessor > *accessor_best ? accessor : *accessor_best;
    }
}

int main(void)
{
    static const size_t sizes[] = {64, 4096, 65536, 1048576};
    unsigned char *user = uma_user_alloc(1048576, 64);
    unsigned char *heap = aligned_alloc(64, 1048576);
    unsigned char *kernel = aligned_alloc(64, 1048576);

    memset(uma_user_view(user), 0x5A, 1048576);
    memset(heap, 0x5A, 1048576);
    printf("%10s %16s %16s %8s\n", "size", "memcpy GB/s", "CopyFromUser GB/s", "ratio");
    for (size_t index = 0; index < sizeof sizes / sizeof sizes[0]; index++) {
        double plain = 0;
        double accessor = 0;
        __try {
            measure(kernel, heap, user, sizes[index], &plain, &accessor);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            fprintf(stderr, "CopyFromUser raised 0x%08x\n", (unsigned)GetExceptionCode());
            return 1;
        }
        printf("%10zu %16.2f %16.2f %8.2f\n", sizes[index], plain, accessor, accessor / plain);
    }
    uma_user_free(user);
    free(heap);
    free(kernel);
    return 0;
}
