/* write_sarif.c - the SARIF 2.1.0 log (--format=sarif), shaped for GitHub
 * code scanning (linter-conventions.md §2.4).
 *
 * One run. tool.driver lists every registered rule, enabled or not, so a
 * result's ruleIndex is its registry index and a rule's metadata does not
 * depend on --checks. Results carry one location, the notes as related
 * locations, a fingerprint that survives edits elsewhere in the file and the
 * fixes as byte-range replacements. Unlike the other writers, this one also
 * lists the findings hidden by inline suppressions, marked as suppressed,
 * and with --baseline the findings the baseline accepted (baselineState
 * "unchanged", suppressed externally; the others are "new").
 * Columns are UTF-16 code units (columnKind utf16CodeUnits), converted from
 * umalint's byte columns with the line's text. Relative paths are relative
 * to %SRCROOT%, the working directory, so the log does not depend on where
 * the tree was checked out. */
#include <cjson/cJSON.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "rules/registry.h"
#include "strbuf.h"
#include "utf16_columns.h"
#include "version.h"

/* GitHub rejects longer rule descriptions. */
enum { MAX_DESCRIPTION_BYTES = 1024 };

static const char SARIF_SCHEMA_URI[] = "https://json.schemastore.org/sarif-2.1.0.json";

/* ---- paths as URIs ---------------------------------------------------- */

/* Percent-encodes everything but RFC 3986 unreserved characters, sub-delims,
 * ':', '@' and '/', so a path with spaces, '%', '#' or non-ASCII bytes
 * becomes a valid URI reference. */
static void append_uri_path(struct strbuf *uri, const char *path)
{
    static const char allowed[] = "-._~!$&'()*+,;=:@/";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr(allowed, *p))
            strbuf_append_char(uri, (char)*p);
        else
            strbuf_printf(uri, "%%%02X", *p);
    }
}

/* "a/./b//c" -> "a/b/c"; ".." resolved against what precedes it. Returns
 * false when a ".." climbs above the start of a relative path. */
static bool normalize_path(const char *path, struct strbuf *normal)
{
    char *copy = xstrdup(path);
    char **segments = xmalloc((strlen(path) / 2 + 2) * sizeof *segments);
    size_t count = 0;
    bool inside = true;
    for (char *save = NULL, *segment = strtok_r(copy, "/", &save); segment; segment = strtok_r(NULL, "/", &save)) {
        if (strcmp(segment, ".") == 0)
            continue;
        if (strcmp(segment, "..") == 0) {
            if (count > 0)
                count--;
            else
                inside = path[0] == '/';   /* "/.." is "/" */
            continue;
        }
        segments[count++] = segment;
    }
    if (path[0] == '/')
        strbuf_append(normal, "/");
    for (size_t i = 0; i < count; i++)
        strbuf_printf(normal, "%s%s", i ? "/" : "", segments[i]);
    free(segments);
    free(copy);
    return inside;
}

/* An artifactLocation: a path inside the working directory is relative to
 * %SRCROOT%; anything else is an absolute file: URI. */
static cJSON *artifact_location(const char *path, const char *working_directory)
{
    cJSON *location = cJSON_CreateObject();
    struct strbuf normal = STRBUF_INIT, uri = STRBUF_INIT;
    bool relative = path[0] != '/' && normalize_path(path, &normal) && normal.length > 0 && working_directory;
    if (relative) {
        append_uri_path(&uri, normal.data);
        cJSON_AddStringToObject(location, "uri", uri.data);
        cJSON_AddStringToObject(location, "uriBaseId", "SRCROOT");
    } else {
        struct strbuf absolute = STRBUF_INIT;
        if (path[0] != '/')
            strbuf_printf(&absolute, "%s/", working_directory ? working_directory : "");
        strbuf_append(&absolute, path);
        strbuf_free(&normal);
        normalize_path(absolute.data, &normal);
        strbuf_append(&uri, "file://");
        append_uri_path(&uri, normal.data);
        cJSON_AddStringToObject(location, "uri", uri.data);
        strbuf_free(&absolute);
    }
    strbuf_free(&normal);
    strbuf_free(&uri);
    return location;
}

/* ---- source text, for columns on lines the finding holds no text of ---- */

/* The last file read: findings come sorted by path, so one slot suffices. */
struct source_cache {
    char *path;
    char *data;
    size_t size;
};

static char *read_file(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    struct strbuf data = STRBUF_INIT;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0)
        strbuf_append_n(&data, chunk, got);
    bool failed = ferror(file);
    fclose(file);
    if (failed) {
        strbuf_free(&data);
        return NULL;
    }
    *size = data.length;
    return strbuf_take(&data);
}

/* The text of the line holding byte `offset` of `path`, or NULL. */
static char *line_at_offset(struct source_cache *cache, const char *path, size_t offset)
{
    if (!cache->path || strcmp(cache->path, path) != 0) {
        free(cache->path);
        free(cache->data);
        cache->path = xstrdup(path);
        cache->size = 0;
        cache->data = read_file(path, &cache->size);
    }
    if (!cache->data || offset > cache->size)
        return NULL;
    size_t begin = offset, end = offset;
    while (begin > 0 && cache->data[begin - 1] != '\n')
        begin--;
    while (end < cache->size && cache->data[end] != '\n' && cache->data[end] != '\r')
        end++;
    return xstrndup(cache->data + begin, end - begin);
}

static void source_cache_free(struct source_cache *cache)
{
    free(cache->path);
    free(cache->data);
}

/* ---- locations ---------------------------------------------------------- */

static cJSON *region(const struct source_span *where, struct source_cache *cache)
{
    cJSON *region = cJSON_CreateObject();
    cJSON_AddNumberToObject(region, "startLine", where->line);
    cJSON_AddNumberToObject(region, "startColumn", utf16_column(where->line_text, where->column));
    if (where->end_line >= where->line && where->end_column > 0) {
        unsigned end_column = where->end_column;
        if (where->end_line == where->line) {
            end_column = utf16_column(where->line_text, end_column);
        } else {
            char *end_text = line_at_offset(cache, where->file, (size_t)where->offset + where->length);
            end_column = utf16_column(end_text, end_column);
            free(end_text);
        }
        if (where->end_line > where->line || end_column > utf16_column(where->line_text, where->column)) {
            cJSON_AddNumberToObject(region, "endLine", where->end_line);
            cJSON_AddNumberToObject(region, "endColumn", end_column);
        }
    }
    return region;
}

static cJSON *physical_location(const struct source_span *where, const char *working_directory,
                                struct source_cache *cache)
{
    cJSON *physical = cJSON_CreateObject();
    cJSON_AddItemToObject(physical, "artifactLocation", artifact_location(where->file, working_directory));
    if (where->line > 0)
        cJSON_AddItemToObject(physical, "region", region(where, cache));
    return physical;
}

static cJSON *text_message(const char *text)
{
    cJSON *message = cJSON_CreateObject();
    cJSON_AddStringToObject(message, "text", text && *text ? text : "(no message)");
    return message;
}

/* ---- fingerprints ------------------------------------------------------- */

/* FNV-1a, 64 bits: small, stable across platforms and releases. */
static uint64_t fnv1a(uint64_t hash, const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        hash ^= (unsigned char)text[i];
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

/* Hash of the rule and the finding's line with all white space removed, so
 * re-indenting or moving the code keeps it. Without the line's text, the
 * message stands in. */
static uint64_t line_hash(const struct finding *finding)
{
    uint64_t hash = fnv1a(0xcbf29ce484222325ULL, finding->code, strlen(finding->code) + 1);
    const char *text = finding->where.line_text ? finding->where.line_text : finding->message;
    for (const char *p = text ? text : ""; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && *p != '\v' && *p != '\f')
            hash = fnv1a(hash, p, 1);
    return hash;
}

struct hashed_result {
    uint64_t hash;
    size_t index;
};

static int by_hash_then_index(const void *left, const void *right)
{
    const struct hashed_result *a = left, *b = right;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int compare_paths(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

/* fingerprints[i] = "HASH:N" where N counts the findings of the same file
 * with the same hash up to and including this one (findings are sorted by
 * file and position), so identical lines in one file stay distinct. */
/* A result to write: the finding and, with a baseline, its state. */
struct sarif_item {
    const struct finding *finding;
    const char *baseline_state;   /* "new", "unchanged", or NULL without a baseline */
};

static char **fingerprints(const struct sarif_item *items, size_t count)
{
    char **result = xcalloc(count + 1, sizeof *result);
    struct hashed_result *group = xcalloc(count + 1, sizeof *group);
    for (size_t start = 0; start < count;) {
        size_t end = start;
        while (end < count && compare_paths(items[end].finding->where.file, items[start].finding->where.file) == 0)
            end++;
        for (size_t i = start; i < end; i++)
            group[i - start] = (struct hashed_result){line_hash(items[i].finding), i};
        qsort(group, end - start, sizeof *group, by_hash_then_index);
        unsigned occurrence = 0;
        for (size_t i = 0; i < end - start; i++) {
            occurrence = i > 0 && group[i].hash == group[i - 1].hash ? occurrence + 1 : 1;
            result[group[i].index] =
                xasprintf("%016llx:%u", (unsigned long long)group[i].hash, occurrence);
        }
        start = end;
    }
    free(group);
    return result;
}

/* ---- fixes -------------------------------------------------------------- */

static cJSON *fix_description(const struct finding *finding)
{
    struct strbuf text = STRBUF_INIT;
    const char *replacement = finding->fixes[0].replacement;
    if (finding->fix_count == 1 && *replacement && !strchr(replacement, '\n') && strlen(replacement) <= 200)
        strbuf_printf(&text, "Replace with: %s", replacement);
    else
        strbuf_append(&text, "Apply the suggested rewrite");
    if (!finding->fix_is_safe)
        strbuf_append(&text, " (unsafe: review the change before applying it)");
    cJSON *description = text_message(text.data);
    strbuf_free(&text);
    return description;
}

/* One fix: the edits grouped by file (SARIF wants one artifactChange per
 * file), each a byte range deleted and the text inserted there. */
static cJSON *fix(const struct finding *finding, const char *working_directory)
{
    cJSON *fix = cJSON_CreateObject();
    cJSON_AddItemToObject(fix, "description", fix_description(finding));
    cJSON *changes = cJSON_AddArrayToObject(fix, "artifactChanges");
    bool *done = xcalloc(finding->fix_count, sizeof *done);
    for (size_t i = 0; i < finding->fix_count; i++) {
        if (done[i])
            continue;
        cJSON *change = cJSON_CreateObject();
        cJSON_AddItemToObject(change, "artifactLocation", artifact_location(finding->fixes[i].file, working_directory));
        cJSON *replacements = cJSON_AddArrayToObject(change, "replacements");
        for (size_t j = i; j < finding->fix_count; j++) {
            const struct fix_edit *edit = &finding->fixes[j];
            if (done[j] || strcmp(edit->file, finding->fixes[i].file) != 0)
                continue;
            done[j] = true;
            cJSON *replacement = cJSON_CreateObject();
            cJSON *deleted = cJSON_AddObjectToObject(replacement, "deletedRegion");
            cJSON_AddNumberToObject(deleted, "byteOffset", edit->offset);
            cJSON_AddNumberToObject(deleted, "byteLength", edit->length);
            if (*edit->replacement) {
                cJSON *inserted = cJSON_AddObjectToObject(replacement, "insertedContent");
                cJSON_AddStringToObject(inserted, "text", edit->replacement);
            }
            cJSON_AddItemToArray(replacements, replacement);
        }
        cJSON_AddItemToArray(changes, change);
    }
    free(done);
    cJSON *properties = cJSON_AddObjectToObject(fix, "properties");
    cJSON_AddStringToObject(properties, "applicability", finding->fix_is_safe ? "safe" : "unsafe");
    return fix;
}

/* ---- results -------------------------------------------------------------- */

static int rule_index(const char *code)
{
    const struct rule_info *rule = rule_find(code);
    return rule ? (int)(rule - rule_registry) : -1;
}

/* `baseline_state`: "new" or "unchanged" when the run has a baseline, else NULL. */
static cJSON *result(const struct finding *finding, const char *fingerprint, const char *working_directory,
                     struct source_cache *cache, const char *baseline_state)
{
    cJSON *result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "ruleId", finding->code);
    int index = rule_index(finding->code);
    if (index >= 0)
        cJSON_AddNumberToObject(result, "ruleIndex", index);
    cJSON_AddStringToObject(result, "level", severity_name(finding->severity));
    cJSON_AddItemToObject(result, "message", text_message(finding->message));

    cJSON *locations = cJSON_AddArrayToObject(result, "locations");
    cJSON *location = cJSON_CreateObject();
    cJSON_AddItemToObject(location, "physicalLocation", physical_location(&finding->where, working_directory, cache));
    cJSON_AddItemToArray(locations, location);

    if (finding->note_count > 0) {
        cJSON *related = cJSON_AddArrayToObject(result, "relatedLocations");
        for (size_t i = 0; i < finding->note_count; i++) {
            const struct finding_note *note = &finding->notes[i];
            cJSON *item = cJSON_CreateObject();
            cJSON_AddNumberToObject(item, "id", (double)(i + 1));
            cJSON_AddItemToObject(item, "physicalLocation", physical_location(&note->where, working_directory, cache));
            cJSON_AddItemToObject(item, "message", text_message(note->message));
            cJSON_AddItemToArray(related, item);
        }
    }

    if (finding->suppressed) {
        /* An inline umalint-disable/NOLINT comment: shown as suppressed, with its reason. */
        cJSON *suppressions = cJSON_AddArrayToObject(result, "suppressions");
        cJSON *suppression = cJSON_CreateObject();
        cJSON_AddStringToObject(suppression, "kind", "inSource");
        if (finding->suppression_reason && *finding->suppression_reason)
            cJSON_AddStringToObject(suppression, "justification", finding->suppression_reason);
        cJSON_AddItemToArray(suppressions, suppression);
    }
    if (baseline_state) {
        cJSON_AddStringToObject(result, "baselineState", baseline_state);
        if (strcmp(baseline_state, "unchanged") == 0) {
            /* Accepted by the baseline file: suppressed outside the source, so
             * code scanning does not raise it again. */
            cJSON *suppressions = cJSON_AddArrayToObject(result, "suppressions");
            cJSON *suppression = cJSON_CreateObject();
            cJSON_AddStringToObject(suppression, "kind", "external");
            cJSON_AddStringToObject(suppression, "justification", "accepted by the baseline file (--baseline)");
            cJSON_AddItemToArray(suppressions, suppression);
        }
    }

    cJSON *fingerprints = cJSON_AddObjectToObject(result, "partialFingerprints");
    cJSON_AddStringToObject(fingerprints, "primaryLocationLineHash", fingerprint);
    /* The baseline's content fingerprint (tool/fingerprint.h), under its own
     * versioned key: "umalint/v1:CONTEXT-LINE" becomes {"umalint/v1": "CONTEXT-LINE"}. */
    static const char fingerprint_key[] = "umalint/v1";
    size_t key_length = strlen(fingerprint_key);
    if (finding->fingerprint && strncmp(finding->fingerprint, fingerprint_key, key_length) == 0 &&
        finding->fingerprint[key_length] == ':' && finding->fingerprint[key_length + 1])
        cJSON_AddStringToObject(fingerprints, fingerprint_key, finding->fingerprint + key_length + 1);

    if (finding->fix_count > 0) {
        cJSON *fixes = cJSON_AddArrayToObject(result, "fixes");
        cJSON_AddItemToArray(fixes, fix(finding, working_directory));
    }
    return result;
}

/* ---- rules ------------------------------------------------------------------ */

/* The first paragraph after the doc page's "## What it finds" heading, its
 * lines joined by spaces and cut to GitHub's limit; NULL when absent. */
static char *first_finding_paragraph(const char *doc)
{
    const char *heading = doc ? strstr(doc, "\n## What it finds") : NULL;
    if (!heading)
        return NULL;
    const char *line = strchr(heading + 1, '\n');
    struct strbuf paragraph = STRBUF_INIT;
    while (line && *line) {
        line++;   /* past the newline */
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        bool blank = strspn(line, " \t\r") >= length;
        if (blank && paragraph.length > 0)
            break;
        if (!blank && (line[0] == '#' || strncmp(line, "```", 3) == 0))
            break;
        if (!blank) {
            if (paragraph.length > 0)
                strbuf_append(&paragraph, " ");
            strbuf_append_n(&paragraph, line, length);
        }
        line = end;
    }
    if (paragraph.length == 0) {
        strbuf_free(&paragraph);
        return NULL;
    }
    if (paragraph.length > MAX_DESCRIPTION_BYTES) {
        /* Cut on a character boundary and leave room for the ellipsis. */
        size_t cut = MAX_DESCRIPTION_BYTES - 3;
        while (cut > 0 && (paragraph.data[cut] & 0xC0) == 0x80)
            cut--;
        paragraph.data[cut] = '\0';
        paragraph.length = cut;
        strbuf_append(&paragraph, "\xE2\x80\xA6");
    }
    return strbuf_take(&paragraph);
}

static cJSON *text_and_markdown(const char *text)
{
    cJSON *message = text_message(text);
    cJSON_AddStringToObject(message, "markdown", text && *text ? text : "(no documentation)");
    return message;
}

/* GitHub's problem.severity: error, warning or recommendation. */
static const char *problem_severity(enum severity severity)
{
    return severity == SEVERITY_NOTE ? "recommendation" : severity_name(severity);
}

static cJSON *rule_descriptor(const struct rule_info *rule)
{
    cJSON *descriptor = cJSON_CreateObject();
    cJSON_AddStringToObject(descriptor, "id", rule->code);
    cJSON_AddStringToObject(descriptor, "name", rule->name);
    cJSON_AddItemToObject(descriptor, "shortDescription", text_message(rule->summary));
    char *full = first_finding_paragraph(rule->doc);
    cJSON_AddItemToObject(descriptor, "fullDescription", text_message(full ? full : rule->summary));
    free(full);
    const char *doc = rule->doc && *rule->doc ? rule->doc : rule->summary;
    cJSON_AddItemToObject(descriptor, "help", text_and_markdown(doc));
    if (rule->doc_file && *rule->doc_file) {
        char *uri = xasprintf("%s%s", UMALINT_RULE_DOCS_URL, rule->doc_file);
        cJSON_AddStringToObject(descriptor, "helpUri", uri);
        free(uri);
    }
    cJSON *configuration = cJSON_AddObjectToObject(descriptor, "defaultConfiguration");
    cJSON_AddStringToObject(configuration, "level", severity_name(rule->severity));

    cJSON *properties = cJSON_AddObjectToObject(descriptor, "properties");
    cJSON *tags = cJSON_AddArrayToObject(properties, "tags");
    if (rule->run) {
        cJSON_AddItemToArray(tags, cJSON_CreateString("security"));
        cJSON_AddItemToArray(tags, cJSON_CreateString("windows-kernel"));
        cJSON_AddItemToArray(tags, cJSON_CreateString("user-memory"));
    } else {
        /* Diagnostics about the run itself (a file that does not parse). */
        cJSON_AddItemToArray(tags, cJSON_CreateString("tool"));
    }
    /* Not yet measured per rule; "high" is the claim the fixtures back. */
    cJSON_AddStringToObject(properties, "precision", "high");
    cJSON_AddStringToObject(properties, "problem.severity", problem_severity(rule->severity));
    return descriptor;
}

static cJSON *driver(void)
{
    cJSON *driver = cJSON_CreateObject();
    cJSON_AddStringToObject(driver, "name", "umalint");
    cJSON_AddStringToObject(driver, "version", UMALINT_VERSION);
    cJSON_AddStringToObject(driver, "semanticVersion", UMALINT_VERSION);
    cJSON_AddStringToObject(driver, "informationUri", UMALINT_REPOSITORY_URL);
    cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
    for (size_t i = 0; i < rule_registry_count; i++)
        cJSON_AddItemToArray(rules, rule_descriptor(&rule_registry[i]));
    return driver;
}

/* ---- the log ---------------------------------------------------------------- */

static char *current_directory(void)
{
    char buffer[PATH_MAX];
    return getcwd(buffer, sizeof buffer) ? xstrdup(buffer) : NULL;
}

static cJSON *directory_location(const char *directory)
{
    struct strbuf uri = STRBUF_INIT;
    strbuf_append(&uri, "file://");
    append_uri_path(&uri, directory);
    if (uri.data[uri.length - 1] != '/')
        strbuf_append(&uri, "/");   /* a base URI names a directory */
    cJSON *location = cJSON_CreateObject();
    cJSON_AddStringToObject(location, "uri", uri.data);
    strbuf_free(&uri);
    return location;
}

static int by_report_order(const void *left, const void *right)
{
    return finding_compare(((const struct sarif_item *)left)->finding, ((const struct sarif_item *)right)->finding);
}

/* Every result in report order. With a baseline its accepted findings are
 * merged back in, so that each finding's fingerprint (and occurrence index)
 * is the one a run without the baseline gives it. */
static void add_results(cJSON *results, const struct report *report, const char *working_directory,
                        struct source_cache *cache)
{
    const struct finding_list *findings = report->findings, *baselined = report->baselined;
    size_t count = findings->count + (baselined ? baselined->count : 0);
    struct sarif_item *items = xcalloc(count + 1, sizeof *items);
    for (size_t i = 0; i < findings->count; i++)
        items[i] = (struct sarif_item){&findings->items[i], baselined ? "new" : NULL};
    for (size_t i = 0; baselined && i < baselined->count; i++)
        items[findings->count + i] = (struct sarif_item){&baselined->items[i], "unchanged"};
    if (baselined)
        qsort(items, count, sizeof *items, by_report_order);
    char **hashes = fingerprints(items, count);
    for (size_t i = 0; i < count; i++)
        cJSON_AddItemToArray(results,
                             result(items[i].finding, hashes[i], working_directory, cache, items[i].baseline_state));
    for (size_t i = 0; i < count; i++)
        free(hashes[i]);
    free(hashes);
    free(items);
}

int write_sarif(FILE *out, const struct report *report)
{
    char *working_directory = current_directory();
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA_URI);
    cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON_AddItemToObject(tool, "driver", driver());

    cJSON *invocations = cJSON_AddArrayToObject(run, "invocations");
    cJSON *invocation = cJSON_CreateObject();
    cJSON_AddBoolToObject(invocation, "executionSuccessful", report->execution_successful);
    if (working_directory)
        cJSON_AddItemToObject(invocation, "workingDirectory", directory_location(working_directory));
    cJSON_AddItemToArray(invocations, invocation);

    if (working_directory) {
        cJSON *bases = cJSON_AddObjectToObject(run, "originalUriBaseIds");
        cJSON_AddItemToObject(bases, "SRCROOT", directory_location(working_directory));
    }
    cJSON_AddStringToObject(run, "columnKind", "utf16CodeUnits");

    struct source_cache cache = {NULL, NULL, 0};
    cJSON *results = cJSON_AddArrayToObject(run, "results");
    add_results(results, report, working_directory, &cache);
    source_cache_free(&cache);
    free(working_directory);

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return 0;
}
