#!/usr/bin/env bash
# fuzz_test.sh - builds the libFuzzer targets of tool/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) from the declared sources in the
# runfiles tree, runs each for a bounded time over its seed corpus and
# dictionary, and fails on any crash, leak, timeout or broken invariant.
# A crashing input is saved to $TEST_UNDECLARED_OUTPUTS_DIR (bazel-testlogs/
# .../test.outputs) and reproduces with the replay binaries (tool/fuzz/BUILD).
# Usage: fuzz_test.sh SECONDS_PER_TARGET
set -u
SECONDS_EACH=${1:-20}
CLANG=${UMALINT_FUZZ_CC:-clang-19}
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/fuzz.XXXXXX")
ARTIFACTS=${TEST_UNDECLARED_OUTPUTS_DIR:-$WORK}
passed=0 failed=0

check() { # NAME STATUS DETAIL
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

if ! command -v "$CLANG" >/dev/null; then
  echo "FAIL $CLANG not found: the fuzzers need clang with libFuzzer (apt-get install clang-19)"
  echo "0 passed, 1 failed"
  exit 1
fi

# target: its sources besides tool/fuzz/TARGET_fuzz.c
declare -A SOURCES=(
  [config]="tool/config_parse.c tool/options.c tool/printable.c tool/shell_words.c tool/strbuf.c"
  [suppress]="tool/suppress_comments.c tool/strbuf.c"
  [baseline]="tool/baseline.c tool/printable.c tool/strbuf.c"
)
for target in config suppress baseline; do
  binary="$WORK/${target}_fuzz"
  # shellcheck disable=SC2086
  if ! "$CLANG" -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
      -fno-sanitize-recover=undefined -Wall -Wextra -Werror -I. \
      "tool/fuzz/${target}_fuzz.c" ${SOURCES[$target]} -lcjson -o "$binary" 2>"$WORK/$target.build"; then
    check "$target: builds with $CLANG -fsanitize=fuzzer" 1 "$(cat "$WORK/$target.build")"
    continue
  fi
  check "$target: builds with $CLANG -fsanitize=fuzzer" 0 ""
  mkdir -p "$WORK/corpus_$target"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$binary" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict="tool/fuzz/$target.dict" -artifact_prefix="$ARTIFACTS/$target-" -print_final_stats=1 \
    "$WORK/corpus_$target" "tool/fuzz/corpus/$target" >"$WORK/$target.log" 2>&1
  status=$?
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$WORK/$target.log")
  check "$target: ${SECONDS_EACH}s of fuzzing, ${runs:-0} inputs, no crash" "$status" \
    "exit $status; $(grep -E 'ERROR|SUMMARY|==[0-9]+==|runtime error|Test unit written' "$WORK/$target.log" | head -20)"
  [ "${runs:-0}" -gt 0 ]; check "$target: the fuzzer ran" $? "$(tail -5 "$WORK/$target.log")"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
