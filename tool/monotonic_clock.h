/* monotonic_clock.h - seconds on a clock that only moves forward, for the
 * timings of UMALINT_STATS and the progress line (differences only: the
 * origin is arbitrary). */
#ifndef UMALINT_MONOTONIC_CLOCK_H
#define UMALINT_MONOTONIC_CLOCK_H

double monotonic_seconds(void);

#endif
