/* report_destination.c - may a report be written to this path? The file
 * itself is asked when it exists, else its directory. Nothing is created
 * here, so a run that fails later leaves no empty report behind. */
#include "report_destination.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

static bool fail(const char *path, const char *reason, char *error, size_t error_size)
{
    snprintf(error, error_size, "%s: cannot write the report: %s", path, reason);
    /* "Permission denied" -> "permission denied", like umalint's other messages. */
    char *start = strstr(error, ": cannot write the report: ");
    if (start) {
        start += strlen(": cannot write the report: ");
        *start = (char)tolower((unsigned char)*start);
    }
    return false;
}

bool report_destination_writable(const char *path, char *error, size_t error_size)
{
    if (!path || strcmp(path, "-") == 0)
        return true;
    struct stat status;
    if (stat(path, &status) == 0) {
        if (S_ISDIR(status.st_mode))
            return fail(path, "is a directory", error, error_size);
        if (access(path, W_OK) != 0)
            return fail(path, strerror(errno), error, error_size);
        return true;
    }
    char *directory = xstrdup(path);
    char *slash = strrchr(directory, '/');
    if (slash)
        slash[slash == directory ? 1 : 0] = '\0';   /* "/x" -> "/", "a/b/x" -> "a/b" */
    int result = access(slash ? directory : ".", W_OK | X_OK);
    int reason = errno;
    free(directory);
    if (result != 0)
        return fail(path, reason == ENOENT ? "no such directory" : strerror(reason), error, error_size);
    return true;
}
