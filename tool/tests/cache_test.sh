#!/usr/bin/env bash
# cache_test.sh - the result cache as a user meets it: a second run reads
# results instead of parsing and prints the same report; a change to a
# file, an included header, the flags, the checks or --user-param is seen;
# corrupt entries are ignored and rewritten; concurrent runs agree.
# Counts come from the UMALINT_STATS=1 line
#   "umalint: stats: N files, M from cache, K parsed (P with a precompiled header)".
# Usage: cache_test.sh UMALINT
set -u
UMALINT=$(realpath "$1")
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/cache.XXXXXX")
export XDG_CACHE_HOME="$WORK/xdg"
export UMALINT_STATS=1
passed=0 failed=0

check() { # NAME STATUS DETAIL
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

# run ARGS...: sets out, err, status, cached, parsed
run() {
  out=$("$UMALINT" "$@" 2>"$WORK/stderr"); status=$?
  err=$(cat "$WORK/stderr")
  cached=$(printf '%s\n' "$err" | sed -n 's/^umalint: stats: [0-9]* files, \([0-9]*\) from cache.*/\1/p')
  parsed=$(printf '%s\n' "$err" | sed -n 's/^umalint: stats: .*from cache, \([0-9]*\) parsed.*/\1/p')
}
expect_counts() { # NAME CACHED PARSED
  [ "$cached" = "$2" ] && [ "$parsed" = "$3" ]
  check "$1: $2 from cache, $3 parsed" $? "got cached=$cached parsed=$parsed; stderr: $err"
}
no_crash() { # NAME
  printf '%s\n' "$err" | grep -qiE 'sanitizer|runtime error|segmentation|core dumped|abort'
  [ $? -ne 0 ]; check "$1: no crash" $? "$err"
}

SRC="$WORK/src"
mkdir -p "$SRC/inc"
cat > "$SRC/inc/local.h" <<'C'
#ifndef LOCAL_H
#define LOCAL_H
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
C
echo '#endif' >> "$SRC/inc/local.h"
cat > "$SRC/a.c" <<'C'
#include <ntddk.h>
#include <usermode_accessors.h>
#include "inc/local.h"
NTSTATUS Handler(REQ *UserReq) {
    REQ Local;
    __try {
        CopyFromUser(&Local, UserReq, sizeof(Local));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
C
sed 's/Handler/OtherHandler/' "$SRC/a.c" > "$SRC/b.c"
cat > "$SRC/c.c" <<'C'
#include <ntddk.h>
NTSTATUS Add(ULONG a, ULONG b, ULONG *sum) { *sum = a + b; return STATUS_SUCCESS; }
C
cd "$WORK"

# --- cold, warm, same report ---------------------------------------------
run --format=json src; cold_json=$out; cold_status=$status
expect_counts "cold run" 0 3
[ -d "$XDG_CACHE_HOME/umalint/results" ]; check "default cache under \$XDG_CACHE_HOME/umalint/results" $? ""
run --format=json src
expect_counts "warm run" 3 0
[ "$out" = "$cold_json" ] && [ "$status" = "$cold_status" ] && [ "$status" -eq 1 ]
check "warm run: same JSON report (fixes, notes, spans) and exit status" $? "$(diff <(echo "$cold_json") <(echo "$out"))"
run src; cold_text=$out
expect_counts "text format reads the same entries" 3 0
printf '%s\n' "$cold_text" | grep -q 'ReadStructFromUser(&Local, UserReq)'; check "warm text report keeps the fix-it line" $? "$cold_text"
run --no-cache --format=json src
expect_counts "--no-cache parses everything" 0 3
[ "$out" = "$cold_json" ]; check "--no-cache: same report" $? ""
no_crash "warm runs"
"$UMALINT" --no-cache --write-baseline "$WORK/fresh.baseline" src >/dev/null 2>&1
"$UMALINT" --write-baseline "$WORK/cached.baseline" src >/dev/null 2>&1
[ -s "$WORK/fresh.baseline" ] && cmp -s "$WORK/fresh.baseline" "$WORK/cached.baseline"
check "a baseline written from cached results equals a fresh one (fingerprints kept)" $? \
  "$(diff "$WORK/fresh.baseline" "$WORK/cached.baseline" 2>&1 | head -5)"

# --- what invalidates an entry --------------------------------------------
touch "$SRC/a.c"
run --format=json src
expect_counts "a new mtime with the same bytes is still a hit" 3 0

echo '/* edited */' >> "$SRC/a.c"
run --format=json src
expect_counts "main file changed: only it is parsed" 2 1

sed -i 's/ULONG Length;/ULONG Length; ULONG Pad;/' "$SRC/inc/local.h"
run --format=json src
expect_counts "included header changed: the two files including it are parsed" 1 2
run --format=json src
expect_counts "after the header change everything is cached again" 3 0

run --format=json -DSOME_FLAG=1 src
expect_counts "other compile flags: a miss" 0 3
run --format=json -DSOME_FLAG=1 src
expect_counts "the same other flags: a hit" 3 0

run --format=json --checks='-*,UM0001' src; only_um0001=$out
expect_counts "other checks: a miss" 0 3
printf '%s' "$only_um0001" | grep -q UM2003; [ $? -ne 0 ]; check "other checks: their own findings" $? "$only_um0001"
run --format=json src
expect_counts "back to the default checks: a hit" 3 0

run --format=json --user-param=Add:2 src
expect_counts "--user-param: a miss" 0 3

printf '{ "severity": {"UM2003": "error"} }\n' > "$SRC/.umalint.json"
run --format=json src; severity_json=$out
expect_counts ".umalint.json severity change: a miss" 0 3
printf '%s' "$severity_json" | grep -qE '"severity":[[:space:]]*"error"'; check ".umalint.json severity applied" $? ""
run --format=json src
[ "$out" = "$severity_json" ]; check ".umalint.json: cached report keeps the changed severity" $? ""
expect_counts ".umalint.json unchanged: a hit" 3 0
run --format=json --no-inline-suppressions src
expect_counts "--no-inline-suppressions: a miss" 0 3
rm -f "$SRC/.umalint.json"

run --format=json --cache-dir "$WORK/custom" src
expect_counts "--cache-dir: its own cache" 0 3
[ -n "$(find "$WORK/custom" -name '*.json' | head -1)" ]; check "--cache-dir holds the entries" $? ""

# --- a compile database with a relative include path and its own directory ---
DB="$WORK/dbtree"
mkdir -p "$DB/build" "$DB/inc" "$DB/src"
printf '#ifndef DBH_H\n#define DBH_H\ntypedef struct _DREQ { ULONG Length; ULONG64 Value; } DREQ;\n#endif\n' > "$DB/inc/dbh.h"
sed 's|#include "inc/local.h"|#include "dbh.h"|; s/REQ/DREQ/g' "$SRC/a.c" > "$DB/src/d.c"
printf '[{"directory": "%s", "arguments": ["clang", "-I../inc", "-c", "../src/d.c"], "file": "../src/d.c"}]\n' \
  "$DB/build" > "$DB/build/compile_commands.json"
run --format=json -p "$DB/build" "$DB/src/d.c"
expect_counts "compile database, relative -I: cold" 0 1
run --format=json -p "$DB/build" "$DB/src/d.c"
expect_counts "compile database, relative -I: warm" 1 0
sed -i 's/ULONG Length;/ULONG Length; ULONG Pad;/' "$DB/inc/dbh.h"
run --format=json -p "$DB/build" "$DB/src/d.c"
expect_counts "compile database, relative -I: the header changed" 0 1

# --- a missing header is not cached: creating it must be seen ---------------
printf '#include "generated.h"\nint f(void) { return GENERATED; }\n' > "$SRC/gen.c"
run --format=gcc src/gen.c
printf '%s' "$out" | grep -q "generated.h' file not found"; check "missing header: UM0001" $? "$out"
printf '#define GENERATED 1\n' > "$SRC/generated.h"
run --format=gcc src/gen.c
[ -z "$out" ] && [ "$parsed" = 1 ]; check "the header created: re-analysed, no UM0001" $? "out=$out parsed=$parsed"
rm -f "$SRC/gen.c" "$SRC/generated.h"

# --- corrupt entries --------------------------------------------------------
run --format=json --cache-dir "$WORK/corrupt" src; reference=$out
entries=$(find "$WORK/corrupt" -name '*.json' -not -path '*/pch/*' | sort)
first=$(echo "$entries" | sed -n 1p); second=$(echo "$entries" | sed -n 2p); third=$(echo "$entries" | sed -n 3p)
head -c 40 "$first" > "$first.cut" && mv "$first.cut" "$first"           # truncated
printf 'garbage\1\2' > "$second"                                          # not JSON
python3 - "$third" <<'PY'
import json, sys
entry = json.load(open(sys.argv[1]))
entry["result"]["findings"] = [{"code": "UM9999"}]                          # well-formed, wrong shape
json.dump(entry, open(sys.argv[1], "w"))
PY
run --format=json --cache-dir "$WORK/corrupt" src
[ "$out" = "$reference" ]; check "corrupt entries: the same report" $? "$(diff <(echo "$reference") <(echo "$out"))"
no_crash "corrupt entries"
[ "$parsed" = 3 ]; check "corrupt entries are misses" $? "parsed=$parsed"
for entry in $first $second $third; do
  [ -f "$entry" ] || continue
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["result"]["findings"] is not None' "$entry"
  check "corrupt entry rewritten: $(basename "$entry")" $? "$(head -c 200 "$entry")"
done
run --format=json --cache-dir "$WORK/corrupt" src
expect_counts "rewritten entries are hits" 3 0

# --- two concurrent runs on one empty cache -----------------------------------
for n in 1 2 3 4 5 6; do sed "s/Handler/Handler$n/" "$SRC/a.c" > "$SRC/copy$n.c"; done
run --no-cache --format=json src; reference=$out
export XDG_CACHE_HOME="$WORK/xdg-concurrent"
"$UMALINT" -j2 --format=json src > "$WORK/one.json" 2>"$WORK/one.err" &
first_pid=$!
"$UMALINT" -j2 --format=json src > "$WORK/two.json" 2>"$WORK/two.err" &
second_pid=$!
wait $first_pid; wait $second_pid
[ "$(cat "$WORK/one.json")" = "$reference" ] && [ "$(cat "$WORK/two.json")" = "$reference" ]
check "concurrent runs: both print the uncached report" $? "$(cat "$WORK/one.err" "$WORK/two.err")"
[ -z "$(find "$XDG_CACHE_HOME" -name '*.tmp.*')" ]; check "concurrent runs: no temporary file left" $? \
  "$(find "$XDG_CACHE_HOME" -name '*.tmp.*')"
run --format=json src
expect_counts "after concurrent runs every entry is a hit" 9 0
[ "$out" = "$reference" ]; check "after concurrent runs: same report" $? ""

# --- an unwritable cache directory does not stop the run -----------------------
run --format=json --cache-dir /proc/umalint-cannot-write src
[ "$out" = "$reference" ]; check "unwritable cache: same report" $? "$err"
[ "$(printf '%s\n' "$err" | grep -c 'cannot write the result cache')" -eq 1 ]
check "unwritable cache: one note" $? "$err"
no_crash "unwritable cache"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
