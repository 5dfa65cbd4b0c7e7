/* report_destination.h - checks, before a long analysis rather than after
 * it, that a report file (-o, --report) can be written. */
#ifndef UMALINT_REPORT_DESTINATION_H
#define UMALINT_REPORT_DESTINATION_H

#include <stdbool.h>
#include <stddef.h>

/* True when `path` (NULL or "-": stdout) can be created or overwritten;
 * otherwise false with "PATH: cannot write the report: REASON" in error. */
bool report_destination_writable(const char *path, char *error, size_t error_size);

#endif
