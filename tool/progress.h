/* progress.h - a one-line progress display on stderr for long runs:
 * files done / total, rate and time left. Only on a terminal, never in pipes
 * or CI logs. */
#ifndef UMALINT_PROGRESS_H
#define UMALINT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct progress;

/* True when a progress line helps: stderr is a terminal (not TERM=dumb), the
 * run is not in CI (CI set) nor quiet, and there are more than a few files. */
bool progress_wanted(bool quiet, size_t files);
/* Starts redrawing `out` a few times a second from a thread of its own;
 * NULL when it cannot (then every other call is a no-op). */
struct progress *progress_start(FILE *out, size_t total);
/* One more file done; called from any worker thread. */
void progress_advance(struct progress *progress);
/* Stops the display and erases the line. */
void progress_finish(struct progress *progress);

#endif
