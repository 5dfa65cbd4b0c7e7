/* embedded_headers.c - materialise the embedded shim headers on first use.
 *
 * The directory name contains a hash of the embedded content, so a new
 * umalint never reads an older one's headers, and two versions can share a
 * cache. A directory is valid once it holds the ".complete" marker. */
#include "embedded_headers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "version.h"

static uint64_t content_hash(void)
{
    uint64_t hash = 0xcbf29ce484222325ull; /* FNV-1a */
    for (size_t i = 0; i < embedded_header_count; i++) {
        for (const char *p = embedded_headers[i].path; *p; p++)
            hash = (hash ^ (unsigned char)*p) * 0x100000001b3ull;
        for (size_t j = 0; j < embedded_headers[i].size; j++)
            hash = (hash ^ (unsigned char)embedded_headers[i].data[j]) * 0x100000001b3ull;
    }
    return hash;
}

static int make_directories(const char *path)
{
    char *copy = xstrdup(path);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int result = (mkdir(copy, 0755) == 0 || errno == EEXIST) ? 0 : -1;
    free(copy);
    return result;
}

static int write_file(const char *path, const char *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t written = write(fd, data + done, size - done);
        if (written <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)written;
    }
    return close(fd);
}

static void remove_tree(const char *directory)
{
    for (size_t i = 0; i < embedded_header_count; i++) {
        char *path = xasprintf("%s/%s", directory, embedded_headers[i].path);
        unlink(path);
        free(path);
    }
    char *marker = xasprintf("%s/.complete", directory);
    unlink(marker);
    free(marker);
    /* Subdirectories of the shims (if any) are removed deepest first. */
    for (size_t i = embedded_header_count; i-- > 0;) {
        char *path = xasprintf("%s/%s", directory, embedded_headers[i].path);
        char *slash;
        while ((slash = strrchr(path, '/')) && slash > path + strlen(directory)) {
            *slash = '\0';
            rmdir(path);
        }
        free(path);
    }
    rmdir(directory);
}

static int fill_directory(const char *directory)
{
    if (make_directories(directory) != 0)
        return -1;
    for (size_t i = 0; i < embedded_header_count; i++) {
        char *path = xasprintf("%s/%s", directory, embedded_headers[i].path);
        char *slash = strrchr(path, '/');
        *slash = '\0';
        int status = make_directories(path);
        *slash = '/';
        if (status == 0)
            status = write_file(path, embedded_headers[i].data, embedded_headers[i].size);
        free(path);
        if (status != 0)
            return -1;
    }
    char *marker = xasprintf("%s/.complete", directory);
    int status = write_file(marker, "", 0);
    free(marker);
    return status;
}

static char *cache_root(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && *xdg == '/')
        return xasprintf("%s/umalint", xdg);
    const char *home = getenv("HOME");
    if (home && *home == '/')
        return xasprintf("%s/.cache/umalint", home);
    return xasprintf("/tmp/umalint-%u", (unsigned)getuid());
}

static int is_complete(const char *directory)
{
    char *marker = xasprintf("%s/.complete", directory);
    int complete = access(marker, F_OK) == 0;
    free(marker);
    return complete;
}

static char *try_root(const char *root, char *error, size_t error_size)
{
    char *directory = xasprintf("%s/include-%s-%016llx", root, UMALINT_VERSION,
                                (unsigned long long)content_hash());
    if (is_complete(directory))
        return directory;
    char *staging = xasprintf("%s.tmp-%ld", directory, (long)getpid());
    remove_tree(staging);
    if (fill_directory(staging) != 0) {
        snprintf(error, error_size, "%s: cannot write the bundled headers: %s", staging, strerror(errno));
        remove_tree(staging);
        free(staging);
        free(directory);
        return NULL;
    }
    if (rename(staging, directory) != 0) {
        /* Another run got there first: its copy is identical. */
        remove_tree(staging);
        if (!is_complete(directory)) {
            snprintf(error, error_size, "%s: cannot install the bundled headers: %s", directory,
                     strerror(errno));
            free(staging);
            free(directory);
            return NULL;
        }
    }
    free(staging);
    return directory;
}

char *embedded_headers_directory(char *error, size_t error_size)
{
    const char *override = getenv("UMALINT_SHIM_DIR");
    if (override && *override)
        return xstrdup(override);
    char *root = cache_root();
    char *directory = try_root(root, error, error_size);
    free(root);
    if (!directory) {
        /* An unwritable home (CI sandboxes) must not stop the run. */
        char *fallback = xasprintf("/tmp/umalint-%u", (unsigned)getuid());
        directory = try_root(fallback, error, error_size);
        free(fallback);
    }
    return directory;
}
