#!/usr/bin/env bash
# bazel_aspect_test.sh - end-to-end test of umalint's Bazel integration
# (tool/umalint.bzl) on the example package testdata/bazel_example:
#   - the aspect reports the findings of a cc_library, linted with the
#     target's own define and include directory;
#   - a second build runs no lint action, and after `bazel clean` every lint
#     action is a cache hit with byte-identical reports (what a remote cache
#     needs: hermetic, deterministic actions);
#   - umalint_test passes on the clean target and fails, with the findings in
#     its log, on the other, reusing the aspect's reports;
#   - the example's cc targets really build on the host;
#   - a configuration named by the //tool/bazel:config label flag is used.
# It drives a bazel of its own (fresh --output_base, removed at the end), so
# it is not a `bazel test` target: tool/scripts/test-all runs it after the
# suites. Ends with "N passed, N failed"; exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
check() {   # check DESCRIPTION COMMAND...
    local description=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   - $description"
    else
        failed=$((failed + 1))
        echo "FAIL - $description"
    fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/umalint-bazel-aspect.XXXXXX")
output_base=$work/output_base
cleanup() {
    if [ -d "$output_base" ]; then
        bazel --output_base="$output_base" shutdown >/dev/null 2>&1
    fi
    chmod -R u+w "$work" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# No bazel-* links in the tree (they would point into $work); a disk cache
# stands in for a remote cache.
common=(--symlink_prefix=/ --disk_cache="$work/disk_cache")
aspect=(--aspects=//tool:umalint.bzl%umalint_aspect --output_groups=umalint_reports)
package=//testdata/bazel_example
run_bazel() {   # run_bazel LOG_NAME COMMAND ARGS...: output in $work/LOG_NAME.log
    local name=$1 command=$2
    shift 2
    bazel --output_base="$output_base" "$command" "${common[@]}" \
        --execution_log_json_file="$work/$name.exec.json" "$@" >"$work/$name.log" 2>&1
}
show_log() {   # the tail of a bazel log, for a failed check
    sed -n '/ERROR\|FAIL\|error:/p' "$work/$1.log" | head -20 >&2
}

# Counts the lint spawns in an execution log: "all", "executed" (run, not
# served from a cache) or "cache_hits", and "uncacheable" ones.
lint_spawns() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
path, kind = sys.argv[1], sys.argv[2]
text = open(path).read()
decoder, index, spawns = json.JSONDecoder(), 0, []
while True:
    while index < len(text) and text[index].isspace():
        index += 1
    if index >= len(text):
        break
    spawn, index = decoder.raw_decode(text, index)
    if spawn.get("mnemonic") == "UmalintLint":
        spawns.append(spawn)
if kind == "executed":
    spawns = [s for s in spawns if not s.get("remoteCacheHit")]
elif kind == "cache_hits":
    spawns = [s for s in spawns if s.get("remoteCacheHit")]
elif kind == "uncacheable":
    spawns = [s for s in spawns if not (s.get("cacheable") and s.get("remotable") and s.get("remoteCacheable"))]
print(len(spawns))
EOF
}
equals() { [ "$1" = "$2" ] || { echo "  expected '$2', got '$1'" >&2; return 1; }; }

# --- 1. the aspect, first run: two sources, two executed lint actions -------
run_bazel run1 build "${aspect[@]}" "$package:all"
status=$?
[ "$status" -eq 0 ] || show_log run1
check "aspect build of $package:all succeeds" equals "$status" 0
check "first run executes one lint action per source (2)" equals "$(lint_spawns "$work/run1.exec.json" executed)" 2
check "the lint actions are cacheable and remotable" equals "$(lint_spawns "$work/run1.exec.json" uncacheable)" 0

bin=$(bazel --output_base="$output_base" info "${common[@]}" bazel-bin 2>/dev/null)
legacy_report=$bin/testdata/bazel_example/legacy_ioctl.umalint/legacy_ioctl.c.txt
clean_report=$bin/testdata/bazel_example/clean_ioctl.umalint/clean_ioctl.c.txt
mkdir -p "$work/run1_reports"
cp "$legacy_report" "$clean_report" "$work/run1_reports/" 2>/dev/null

# --- 2. the report: the finding every run sees, and the one that only the
# target's local_defines + includes switch on ------------------------------
source=testdata/bazel_example/legacy_ioctl.c
always_line=$(grep -n 'expect: UM2003' "$source" | cut -d: -f1)
gated_line=$(grep -n 'CopyFromUserAligned(&Query' "$source" | cut -d: -f1)
has_finding() {   # has_finding REPORT LINE CODE
    grep -qE "^$source:$2:[0-9]+: warning: .*\[$3\]\$" "$1" ||
        { echo "  no $3 at line $2 in $1:" >&2; cat "$1" >&2 2>/dev/null; return 1; }
}
check "report has the UM2003 of the plain handler (line $always_line)" has_finding "$legacy_report" "$always_line" UM2003
check "report has the UM2003 switched on by the target's define and include path (line $gated_line)" \
    has_finding "$legacy_report" "$gated_line" UM2003
check "report has no parse-error finding (UM0001)" bash -c "! grep -q UM0001 '$legacy_report'"
check "report of the clean source is empty" test -f "$clean_report" -a ! -s "$clean_report"
check "report paths are workspace-relative (no sandbox paths)" bash -c "! grep -q '^/' '$legacy_report'"

# --- 3. second run in the same server: nothing runs --------------------------
run_bazel run2 build "${aspect[@]}" "$package:all"
check "second aspect build succeeds" equals "$?" 0
check "second run executes no lint action" equals "$(lint_spawns "$work/run2.exec.json" all)" 0
processes=$(grep -E '^INFO: [0-9]+ process(es)?: ' "$work/run2.log" | tail -1)
only_internal() {   # "INFO: 1 process: 1 internal." - nothing sandboxed or remote
    [ -n "$processes" ] && ! echo "${processes#*: *: }" | tr ',' '\n' | grep -vqE '^ *[0-9]+ internal\.?$' ||
        { echo "  $processes" >&2; return 1; }
}
check "second run: only internal processes ($processes)" only_internal

# --- 4. after bazel clean: every lint action is a cache hit, same bytes -------
bazel --output_base="$output_base" clean >/dev/null 2>&1
run_bazel run3 build "${aspect[@]}" "$package:all"
check "aspect build after bazel clean succeeds" equals "$?" 0
check "after clean no lint action executes" equals "$(lint_spawns "$work/run3.exec.json" executed)" 0
check "after clean both lint actions are cache hits" equals "$(lint_spawns "$work/run3.exec.json" cache_hits)" 2
check "cached reports are byte-identical to the first run's" \
    cmp -s "$legacy_report" "$work/run1_reports/legacy_ioctl.c.txt"

# --- 5. umalint_test -------------------------------------------------------
run_bazel test_clean test "$package:clean_ioctl_umalint_test"
check "umalint_test passes on the clean target" equals "$?" 0
run_bazel test_legacy test --test_output=errors "$package:legacy_ioctl_umalint_test"
check "umalint_test fails on the target with findings (bazel exit 3)" equals "$?" 3
test_log=$(bazel --output_base="$output_base" info "${common[@]}" bazel-testlogs 2>/dev/null)/testdata/bazel_example/legacy_ioctl_umalint_test/test.log
check "its test log lists the findings" has_finding "$test_log" "$gated_line" UM2003
check "its test log counts them" grep -q "umalint_test: 2 finding(s) at warning or above in 1 linted file(s)" "$test_log"
check "the tests reuse the aspect's reports (no lint action runs)" \
    equals "$(( $(lint_spawns "$work/test_clean.exec.json" all) + $(lint_spawns "$work/test_legacy.exec.json" all) ))" 0

# --- 6. the example targets are real cc targets ------------------------------
run_bazel build_all build "$package:all"
status=$?
[ "$status" -eq 0 ] || show_log build_all
check "the example cc_library targets build on the host" equals "$status" 0
check "... and produce their archives" test -f "$bin/testdata/bazel_example/liblegacy_ioctl.a"

# --- 7. a configuration named by the label flag ------------------------------
# The aspect lints without a .umalint.json unless //tool/bazel:config names
# one; the named file is a declared input, so the action reruns with it.
run_bazel run_config build "${aspect[@]}" --//tool/bazel:config=//testdata/bazel_example:umalint_config \
    "$package:legacy_ioctl"
status=$?
[ "$status" -eq 0 ] || show_log run_config
check "aspect build with --//tool/bazel:config succeeds" equals "$status" 0
check "with the configuration the lint action runs again (1)" \
    equals "$(lint_spawns "$work/run_config.exec.json" executed)" 1
check "the configuration's severity applies: UM2003 is an error" \
    grep -qE "^$source:$always_line:[0-9]+: error: .*\[UM2003\]\$" "$legacy_report"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
