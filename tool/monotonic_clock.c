/* monotonic_clock.c - see monotonic_clock.h. */
#include "monotonic_clock.h"

#include <time.h>

double monotonic_seconds(void)
{
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (double)time.tv_sec + (double)time.tv_nsec / 1e9;
}
