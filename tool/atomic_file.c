/* atomic_file.c - whole-file reads and crash-safe replacement (see
 * atomic_file.h). Every failure path unlinks the temporary file. */
#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

/* strerror's text with a lower-case first letter, to read as part of a line. */
static void describe_errno(char *error, size_t error_size, const char *path, const char *what, int number)
{
    char reason[256];
    snprintf(reason, sizeof reason, "%s", strerror(number));
    if (reason[0] >= 'A' && reason[0] <= 'Z' && (reason[1] < 'A' || reason[1] > 'Z'))
        reason[0] = (char)(reason[0] - 'A' + 'a');
    snprintf(error, error_size, "%s: %s: %s", path, what, reason);
}

char *atomic_read_file(const char *path, size_t *size, char *error, size_t error_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        describe_errno(error, error_size, path, "cannot read the file", errno);
        return NULL;
    }
    struct strbuf buffer = STRBUF_INIT;
    char chunk[65536];
    for (;;) {
        ssize_t got = read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            describe_errno(error, error_size, path, "cannot read the file", errno);
            close(fd);
            strbuf_free(&buffer);
            return NULL;
        }
        if (got == 0)
            break;
        strbuf_append_n(&buffer, chunk, (size_t)got);
    }
    close(fd);
    *size = buffer.length;
    return strbuf_take(&buffer);
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t written = write(fd, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return -1;
        if (written == 0) {   /* no progress and no error: treat as a full disk */
            errno = ENOSPC;
            return -1;
        }
        data += written;
        size -= (size_t)written;
    }
    return 0;
}

/* Makes the rename durable: the directory entry itself must reach the disk. */
static void sync_directory(const char *directory)
{
    int fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);   /* best effort: some file systems refuse fsync on directories */
        close(fd);
    }
}

int atomic_replace_file(const char *path, const char *data, size_t size, const struct stat *original,
                        atomic_precommit_fn *precommit, void *context, char *error, size_t error_size)
{
    char *path_copy = xstrdup(path);
    char *directory = xstrdup(dirname(path_copy));
    free(path_copy);
    path_copy = xstrdup(path);
    /* A hidden name next to the file: same file system, so rename is atomic. */
    char *temporary = xasprintf("%s/.%s.umalint-XXXXXX", directory, basename(path_copy));
    free(path_copy);

    int status = -1;
    int fd = mkstemp(temporary);
    if (fd < 0) {
        describe_errno(error, error_size, path, "cannot create a temporary file next to it", errno);
        goto out;
    }
    if (write_all(fd, data, size) != 0) {
        describe_errno(error, error_size, path, "cannot write the fixed file", errno);
        goto fail;
    }
    /* mkstemp creates 0600; the fixed file keeps the original's mode and,
     * when we may (root, or the same owner), its owner and group. */
    if (fchown(fd, original->st_uid, original->st_gid) != 0 && errno != EPERM) {
        describe_errno(error, error_size, path, "cannot keep the file's owner", errno);
        goto fail;
    }
    if (fchmod(fd, original->st_mode & 07777) != 0) {
        describe_errno(error, error_size, path, "cannot keep the file's mode", errno);
        goto fail;
    }
    if (fsync(fd) != 0) {
        describe_errno(error, error_size, path, "cannot write the fixed file", errno);
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        describe_errno(error, error_size, path, "cannot write the fixed file", errno);
        goto fail;
    }
    fd = -1;
    if (precommit && precommit(context, error, error_size) != 0)
        goto fail;
    if (rename(temporary, path) != 0) {
        describe_errno(error, error_size, path, "cannot replace the file", errno);
        goto fail;
    }
    sync_directory(directory);
    status = 0;
    goto out;
fail:
    if (fd >= 0)
        close(fd);
    unlink(temporary);
out:
    free(temporary);
    free(directory);
    return status;
}
