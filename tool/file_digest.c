/* file_digest.c - a mutex-protected hash table from path to content hash.
 * Hashing happens outside the lock; two workers asking for the same new
 * file at once may both hash it, which is harmless. */
#include "file_digest.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

struct digest_entry {
    char *path;
    int readable;
    struct hash128 hash;
    struct digest_entry *next;
};

#define BUCKET_COUNT 4096u

struct file_digests {
    pthread_mutex_t lock;
    struct digest_entry *buckets[BUCKET_COUNT];
};

struct file_digests *file_digests_create(void)
{
    struct file_digests *digests = xcalloc(1, sizeof *digests);
    pthread_mutex_init(&digests->lock, NULL);
    return digests;
}

void file_digests_destroy(struct file_digests *digests)
{
    if (!digests)
        return;
    for (unsigned i = 0; i < BUCKET_COUNT; i++) {
        struct digest_entry *entry = digests->buckets[i];
        while (entry) {
            struct digest_entry *next = entry->next;
            free(entry->path);
            free(entry);
            entry = next;
        }
    }
    pthread_mutex_destroy(&digests->lock);
    free(digests);
}

char *file_digest_read(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat status;
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        close(fd);
        return NULL;
    }
    size_t capacity = (size_t)status.st_size + 1, length = 0;
    char *data = xmalloc(capacity);
    for (;;) {
        if (length + 1 >= capacity) {   /* the file grew since fstat */
            capacity *= 2;
            data = xrealloc(data, capacity);
        }
        ssize_t got = read(fd, data + length, capacity - 1 - length);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            free(data);
            close(fd);
            return NULL;
        }
        if (got == 0)
            break;
        length += (size_t)got;
    }
    close(fd);
    data[length] = '\0';
    *size = length;
    return data;
}

static unsigned bucket_of(const char *path)
{
    struct hash128 hash = hash128_of(path, strlen(path));
    return (unsigned)(hash.low % BUCKET_COUNT);
}

static struct digest_entry *find(struct file_digests *digests, unsigned bucket, const char *path)
{
    for (struct digest_entry *entry = digests->buckets[bucket]; entry; entry = entry->next)
        if (strcmp(entry->path, path) == 0)
            return entry;
    return NULL;
}

int file_digests_get(struct file_digests *digests, const char *path, struct hash128 *hash)
{
    unsigned bucket = bucket_of(path);
    pthread_mutex_lock(&digests->lock);
    struct digest_entry *known = find(digests, bucket, path);
    if (known) {
        int readable = known->readable;
        *hash = known->hash;
        pthread_mutex_unlock(&digests->lock);
        return readable ? 0 : -1;
    }
    pthread_mutex_unlock(&digests->lock);

    size_t size = 0;
    char *data = file_digest_read(path, &size);
    struct digest_entry *entry = xcalloc(1, sizeof *entry);
    entry->path = xstrdup(path);
    entry->readable = data != NULL;
    if (data)
        entry->hash = hash128_of(data, size);
    free(data);

    pthread_mutex_lock(&digests->lock);
    known = find(digests, bucket, path);
    if (known) {            /* another worker was quicker: keep its entry */
        free(entry->path);
        free(entry);
        entry = known;
    } else {
        entry->next = digests->buckets[bucket];
        digests->buckets[bucket] = entry;
    }
    int readable = entry->readable;
    *hash = entry->hash;
    pthread_mutex_unlock(&digests->lock);
    return readable ? 0 : -1;
}
