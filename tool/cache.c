/* cache.c - the result cache (see cache.h). One JSON file per entry:
 *   DIR/ab/cdef...json = {"format": ..., "key": "<32 hex>",
 *                          "dependencies": [{"path": ..., "hash": ...}],
 *                          "result": <result_json.h>}
 * The key is in the name and repeated inside, so a file copied or renamed
 * by hand is not trusted. */
#include "cache.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "result_json.h"
#include "rules/registry.h"
#include "strbuf.h"
#include "version.h"

#define ENTRY_FORMAT "umalint-result-cache-1"

struct result_cache {
    char *directory;
    struct hash128 identity;         /* everything in the key that is the same for every file */
    struct file_digests *digests;
    atomic_uint temporary_counter;   /* unique temporary names within this process */
    atomic_bool write_failure_noted;
};

char *result_cache_default_directory(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && *xdg == '/')
        return xasprintf("%s/umalint/results", xdg);
    const char *home = getenv("HOME");
    if (home && *home == '/')
        return xasprintf("%s/.cache/umalint/results", home);
    return xasprintf("/tmp/umalint-%u/results", (unsigned)getuid());
}

/* A rebuilt umalint (a changed rule, same version number) must not read
 * results of the previous build: hash the executable itself. */
static void hash_own_executable(struct hasher *hasher)
{
    size_t size = 0;
    char *image = file_digest_read("/proc/self/exe", &size);
    struct hash128 hash = image ? hash128_of(image, size) : (struct hash128){0, 0};
    free(image);
    hasher_update_u64(hasher, hash.low);
    hasher_update_u64(hasher, hash.high);
}

struct result_cache *result_cache_open(const char *directory, struct file_digests *digests)
{
    struct result_cache *cache = xcalloc(1, sizeof *cache);
    cache->directory = xstrdup(directory);
    cache->digests = digests;
    atomic_init(&cache->temporary_counter, 0);
    atomic_init(&cache->write_failure_noted, false);

    struct hasher hasher;
    hasher_init(&hasher);
    hasher_update_string(&hasher, ENTRY_FORMAT);
    hasher_update_string(&hasher, UMALINT_VERSION);
    hash_own_executable(&hasher);
    CXString clang_version = clang_getClangVersion();
    hasher_update_string(&hasher, clang_getCString(clang_version));
    clang_disposeString(clang_version);
    /* Relative paths in arguments and in findings mean something else elsewhere. */
    char working_directory[PATH_MAX];
    hasher_update_string(&hasher, getcwd(working_directory, sizeof working_directory) ? working_directory : NULL);
    static const char *const include_variables[] = {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH"};
    for (size_t i = 0; i < sizeof include_variables / sizeof include_variables[0]; i++)
        hasher_update_string(&hasher, getenv(include_variables[i]));
    cache->identity = hasher_final(&hasher);
    return cache;
}

void result_cache_close(struct result_cache *cache)
{
    if (!cache)
        return;
    free(cache->directory);
    free(cache);
}

/* Everything in struct file_settings: add a field there, hash it here. */
static void hash_settings(struct hasher *hasher, const struct file_settings *settings)
{
    for (size_t i = 0; i < rule_registry_count; i++) {
        hasher_update_string(hasher, rule_registry[i].code);
        hasher_update_u64(hasher, settings->enabled[i]);
    }
    const struct user_memory_config *config = &settings->user_memory;
    hasher_update_u64(hasher, config->user_param_count);
    for (size_t i = 0; i < config->user_param_count; i++) {
        hasher_update_string(hasher, config->user_params[i].function);
        hasher_update_u64(hasher, config->user_params[i].index);
    }
    hasher_update_u64(hasher, config->origin_field_count);
    for (size_t i = 0; i < config->origin_field_count; i++)
        hasher_update_string(hasher, config->origin_fields[i]);
    hasher_update_u64(hasher, settings->inline_suppressions);
    /* Also part of the compile arguments; hashed here too so the key does
     * not depend on how compile_flags_for uses them. */
    size_t extra_count = settings->extra_args ? settings->extra_args->count : 0;
    hasher_update_u64(hasher, extra_count);
    for (size_t i = 0; i < extra_count; i++)
        hasher_update_string(hasher, settings->extra_args->items[i]);
    hasher_update_u64(hasher, settings->severity_count);
    for (size_t i = 0; i < settings->severity_count; i++) {
        hasher_update_string(hasher, settings->severities[i].rule);
        hasher_update_u64(hasher, (uint64_t)settings->severities[i].severity);
    }
    hasher_update_string(hasher, settings->warnings_as_errors);
}

struct hash128 result_cache_key(const struct result_cache *cache, const struct file_settings *settings,
                                const char *path, const struct string_list *arguments, const char *contents,
                                size_t size)
{
    struct hasher hasher;
    hasher_init(&hasher);
    hasher_update_u64(&hasher, cache->identity.low);
    hasher_update_u64(&hasher, cache->identity.high);
    hash_settings(&hasher, settings);
    hasher_update_string(&hasher, path);
    hasher_update_u64(&hasher, arguments->count);
    for (size_t i = 0; i < arguments->count; i++)
        hasher_update_string(&hasher, arguments->items[i]);
    struct hash128 content = hash128_of(contents, size);
    hasher_update_u64(&hasher, content.low);
    hasher_update_u64(&hasher, content.high);
    return hasher_final(&hasher);
}

/* DIR/ab/cdef...json; *subdirectory_length is the length of "DIR/ab". */
static char *entry_path(const struct result_cache *cache, struct hash128 key, size_t *subdirectory_length)
{
    char hex[33];
    hash128_to_hex(key, hex);
    char *path = xasprintf("%s/%.2s/%s.json", cache->directory, hex, hex + 2);
    if (subdirectory_length)
        *subdirectory_length = strlen(cache->directory) + 3;
    return path;
}

static bool dependencies_unchanged(struct result_cache *cache, const cJSON *dependencies)
{
    if (!cJSON_IsArray(dependencies))
        return false;
    const cJSON *item;
    cJSON_ArrayForEach(item, dependencies) {
        const cJSON *path = cJSON_GetObjectItemCaseSensitive(item, "path");
        const cJSON *stored = cJSON_GetObjectItemCaseSensitive(item, "hash");
        struct hash128 expected, current;
        if (!cJSON_IsString(path) || !cJSON_IsString(stored) || hash128_from_hex(stored->valuestring, &expected) != 0)
            return false;
        if (file_digests_get(cache->digests, path->valuestring, &current) != 0 || !hash128_equal(expected, current))
            return false;
    }
    return true;
}

bool result_cache_lookup(struct result_cache *cache, struct hash128 key, struct file_result *result)
{
    char *path = entry_path(cache, key, NULL);
    size_t size = 0;
    char *text = file_digest_read(path, &size);
    free(path);
    if (!text)
        return false;
    cJSON *entry = cJSON_ParseWithLength(text, size);
    free(text);
    bool hit = false;
    if (entry) {
        const cJSON *format = cJSON_GetObjectItemCaseSensitive(entry, "format");
        const cJSON *stored_key = cJSON_GetObjectItemCaseSensitive(entry, "key");
        struct hash128 parsed_key;
        hit = cJSON_IsString(format) && strcmp(format->valuestring, ENTRY_FORMAT) == 0 &&
              cJSON_IsString(stored_key) && hash128_from_hex(stored_key->valuestring, &parsed_key) == 0 &&
              hash128_equal(parsed_key, key) &&
              dependencies_unchanged(cache, cJSON_GetObjectItemCaseSensitive(entry, "dependencies")) &&
              result_from_json(cJSON_GetObjectItemCaseSensitive(entry, "result"), result) == 0;
        cJSON_Delete(entry);
    }
    return hit;
}

static int make_directory(const char *path)
{
    return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* mkdir -p for the cache directory and its "ab" subdirectory. */
static int make_directories(const char *path)
{
    char *copy = xstrdup(path);
    int status = 0;
    for (char *p = copy + 1; *p && status == 0; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        status = make_directory(copy);
        *p = '/';
    }
    if (status == 0)
        status = make_directory(copy);
    free(copy);
    return status;
}

static int write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t written = write(fd, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return -1;
        data += written;
        size -= (size_t)written;
    }
    return 0;
}

static void note_write_failure(struct result_cache *cache, const char *what, int error_number)
{
    if (atomic_exchange(&cache->write_failure_noted, true))
        return;
    fprintf(stderr, "umalint: note: %s: cannot write the result cache: %s; results are not cached\n", what,
            strerror(error_number));
}

void result_cache_store(struct result_cache *cache, struct hash128 key, const struct dependency_list *dependencies,
                        const struct file_result *result)
{
    if (result->error)
        return;
    char hex[33];
    hash128_to_hex(key, hex);
    cJSON *entry = cJSON_CreateObject();
    cJSON_AddStringToObject(entry, "format", ENTRY_FORMAT);
    cJSON_AddStringToObject(entry, "key", hex);
    cJSON *list = cJSON_AddArrayToObject(entry, "dependencies");
    for (size_t i = 0; i < dependencies->count; i++) {
        char dependency_hex[33];
        hash128_to_hex(dependencies->items[i].hash, dependency_hex);
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "path", dependencies->items[i].path);
        cJSON_AddStringToObject(item, "hash", dependency_hex);
        cJSON_AddItemToArray(list, item);
    }
    cJSON_AddItemToObject(entry, "result", result_to_json(result));
    char *text = cJSON_PrintUnformatted(entry);
    cJSON_Delete(entry);
    if (!text)
        return;

    size_t subdirectory_length = 0;
    char *path = entry_path(cache, key, &subdirectory_length);
    char *subdirectory = xstrndup(path, subdirectory_length);
    char *temporary = xasprintf("%s.tmp.%ld.%u", path, (long)getpid(),
                                atomic_fetch_add(&cache->temporary_counter, 1));
    int fd = -1;
    if (make_directories(subdirectory) != 0) {
        note_write_failure(cache, subdirectory, errno);
    } else if ((fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
        note_write_failure(cache, subdirectory, errno);
    } else {
        int status = write_all(fd, text, strlen(text));
        int saved_errno = errno;
        if (close(fd) != 0 && status == 0) {
            status = -1;
            saved_errno = errno;
        }
        /* rename replaces atomically: a concurrent reader sees the old entry or this one. */
        if (status != 0 || rename(temporary, path) != 0) {
            if (status == 0)
                saved_errno = errno;
            unlink(temporary);
            note_write_failure(cache, path, saved_errno);
        }
    }
    free(temporary);
    free(subdirectory);
    free(path);
    free(text);
}
