/* paths.c - lexical path normalisation (see paths.h). */
#include "paths.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

char *path_absolute(const char *path, const char *working_directory)
{
    char *cwd = NULL;
    if (path[0] != '/' && !working_directory) {
        cwd = getcwd(NULL, 0);
        if (!cwd)
            return realpath(path, NULL);
        working_directory = cwd;
    }
    char *joined = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", working_directory, path);
    free(cwd);
    struct strbuf normal = STRBUF_INIT;
    for (char *save = NULL, *part = strtok_r(joined, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            char *slash = normal.length ? strrchr(normal.data, '/') : NULL;
            if (slash) {
                normal.length = (size_t)(slash - normal.data);
                normal.data[normal.length] = '\0';
            }
            continue;
        }
        strbuf_printf(&normal, "/%s", part);
    }
    free(joined);
    if (normal.length == 0)
        strbuf_append(&normal, "/");
    return strbuf_take(&normal);
}

char *path_relative_to(const char *absolute, const char *base)
{
    size_t length = strlen(base);
    if (strcmp(base, "/") == 0 && absolute[0] == '/' && absolute[1])
        return xstrdup(absolute + 1);
    if (strncmp(absolute, base, length) == 0 && absolute[length] == '/' && absolute[length + 1])
        return xstrdup(absolute + length + 1);
    return xstrdup(absolute);
}
