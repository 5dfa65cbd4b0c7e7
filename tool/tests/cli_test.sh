#!/usr/bin/env bash
# cli_test.sh - umalint as a user meets it: exit codes, one-line errors for
# bad input, output formats, --checks, and the bundled headers travelling
# with a copied binary. Usage: cli_test.sh UMALINT TESTDATA_DIR
set -u
UMALINT=$(realpath "$1")
TESTDATA=$(realpath "$2")
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/cli.XXXXXX")
export XDG_CACHE_HOME="$WORK/cache"
. "$(dirname "$0")/testlib.sh"

mkdir -p "$WORK/src"
cat > "$WORK/src/bad.c" <<'C'
#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
NTSTATUS Handler(REQ *UserReq) {
    REQ Local;
    __try {
        CopyFromUserAligned(&Local, UserReq, sizeof(Local), TYPE_ALIGNMENT(REQ));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
C
cat > "$WORK/src/clean.c" <<'C'
#include <ntddk.h>
NTSTATUS Add(ULONG a, ULONG b, ULONG *sum) { *sum = a + b; return STATUS_SUCCESS; }
C

# --- basics -------------------------------------------------------------
run --version
expect_status "--version" 0
printf '%s' "$out" | grep -qE '^umalint [0-9]+\.[0-9]+\.[0-9]+ \(libclang 19\.[0-9]+\.[0-9]+\)$'
check "--version format" $? "got: $out"

run --help
expect_status "--help" 0
printf '%s' "$out" | grep -q 'usage: umalint'; check "--help text" $? "$out"

run --list-checks
expect_status "--list-checks" 0
printf '%s' "$out" | grep -q '^UM2003  struct-sized-copy'; check "--list-checks lists UM2003" $? "$out"

run --list-checks --format=json
printf '%s' "$out" | python3 -c '
import json, sys
checks = json.load(sys.stdin)
by_code = {c["code"]: c for c in checks}
c = by_code["UM2003"]
assert (c["name"], c["severity"]) == ("struct-sized-copy", "warning"), c
assert c["docs_url"].endswith("/rules/UM2003_struct_sized_copy.md"), c
assert c["summary"]
'
check "--list-checks --format=json" $? "$out"

run --checks='-*,UM0001' --list-checks
printf '%s' "$out" | grep -q UM2003; [ $? -ne 0 ]; check "--checks removes with -*" $? "$out"

run --explain UM2003
expect_status "--explain" 0
printf '%s' "$out" | grep -q '^# UM2003 struct-sized-copy'; check "--explain prints the doc page" $? "$out"

run "$WORK/src/clean.c"
expect_status "clean file" 0

run "$WORK/src/bad.c"
expect_status "file with a finding" 1
printf '%s\n' "$out" | grep -qE "bad.c:7:9: warning: .*ReadStructFromUserAligned\(&Local, UserReq, TYPE_ALIGNMENT\(REQ\)\).*\[UM2003\]$"
check "text: clang-shaped line" $? "$out"
printf '%s\n' "$out" | grep -qE '^ +7 \| +CopyFromUserAligned' ; check "text: numbered source line" $? "$out"
printf '%s\n' "$out" | grep -qE '^ +\| +\^~+$'; check "text: caret and range" $? "$out"
printf '%s\n' "$out" | grep -qE '^ +\| +ReadStructFromUserAligned\(&Local, UserReq, TYPE_ALIGNMENT\(REQ\)\)$'; check "text: fix-it line" $? "$out"
printf '%s' "$err" | grep -q 'umalint: 1 warning in 1 file'; check "summary on stderr" $? "$err"

run -q "$WORK/src/bad.c"
[ -z "$err" ]; check "--quiet drops the summary" $? "$err"

run --format=gcc "$WORK/src/bad.c"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ]; check "gcc: one line per finding" $? "$out"
printf '%s\n' "$out" | grep -qE '^(.*):(\d+|[0-9]+):([0-9]+):\s+(warning|error):\s+(.*) \[UM2003\]$'
check "gcc: \$gcc-shaped" $? "$out"

run --format=msvc "$WORK/src/bad.c"
printf '%s\n' "$out" | grep -qE '^.+\(7,9\): warning UM2003: .+$'; check "msvc: \$msCompile-shaped" $? "$out"

run --format=json "$WORK/src/bad.c"
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["version"] == 1 and d["tool"]["name"] == "umalint" and d["files_analyzed"] == 1
x = d["diagnostics"][0]
assert (x["rule"], x["name"], x["severity"], x["line"], x["column"]) == ("UM2003", "struct-sized-copy", "warning", 7, 9)
assert x["end_line"] == 7 and x["end_column"] > x["column"]
f = x["fixes"][0]
src = open(x["file"], "rb").read()
assert src[f["offset"]:f["offset"] + f["length"]].startswith(b"CopyFromUserAligned(")
assert f["replacement"] == "ReadStructFromUserAligned(&Local, UserReq, TYPE_ALIGNMENT(REQ))"
'
check "json: schema and fix offsets" $? "$out"

run --color=always "$WORK/src/bad.c"
printf '%s' "$out" | grep -q $'\033\['; check "--color=always colours" $? "$out"
out=$(NO_COLOR=1 "$UMALINT" "$WORK/src/bad.c" 2>/dev/null)
printf '%s' "$out" | grep -q $'\033\['; [ $? -ne 0 ]; check "NO_COLOR and pipes: no colour" $? "$out"

run -o "$WORK/report.json" --format=json "$WORK/src/bad.c"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$WORK/report.json"; check "-o writes the report" $? ""

# deterministic output whatever -j
run -j1 --format=gcc "$TESTDATA"; one=$out
run -j2 --format=gcc "$TESTDATA"; two=$out
[ "$one" = "$two" ] && [ -n "$one" ]; check "-j1 and -j2 print the same" $? ""

# A progress line on a terminal (script gives a pseudo-terminal), never in a pipe.
mkdir -p "$WORK/many"
for i in $(seq 1 12); do cp "$WORK/src/clean.c" "$WORK/many/f$i.c"; done
if command -v script >/dev/null; then
  env -u CI XDG_CACHE_HOME="$WORK/progress-cache" script -qec "'$UMALINT' --no-cache -j1 '$WORK/many'" /dev/null \
    >"$WORK/tty.out" 2>&1
  grep -q 'files/s' "$WORK/tty.out"; check "progress line on a terminal" $? "$(cat -v "$WORK/tty.out")"
fi
env -u CI "$UMALINT" --no-cache -j1 "$WORK/many" >"$WORK/pipe.out" 2>&1
grep -q 'files/s' "$WORK/pipe.out"; [ $? -ne 0 ]; check "no progress line in a pipe" $? "$(cat -v "$WORK/pipe.out")"

# --- bad input ----------------------------------------------------------
run "$WORK/does-not-exist.c"
expect_status "nonexistent path" 2
expect_one_line_error "nonexistent path" "does-not-exist.c: no such file or directory"

mkdir -p "$WORK/empty"
run "$WORK/empty"
expect_status "empty directory" 0
printf '%s' "$err" | grep -q 'no C or C++ source files found'; check "empty directory: note" $? "$err"

cp "$WORK/src/clean.c" "$WORK/src/unreadable.c"; chmod 000 "$WORK/src/unreadable.c"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  # root reads anything: drop every capability so the file mode applies.
  out=$(setpriv --bounding-set=-all --inh-caps=-all "$UMALINT" "$WORK/src/unreadable.c" 2>"$WORK/stderr"); status=$?
  err=$(cat "$WORK/stderr")
else
  run "$WORK/src/unreadable.c"
fi
expect_status "unreadable file" 2
expect_one_line_error "unreadable file" "unreadable.c: cannot read the file: permission denied"
rm -f "$WORK/src/unreadable.c"

printf 'int x;\0\1\2\3binary' > "$WORK/src/binary.c"
run "$WORK/src/binary.c"
expect_status "binary file named .c" 2
expect_one_line_error "binary file named .c" "binary.c: not a text file"
rm -f "$WORK/src/binary.c"

: > "$WORK/src/empty.c"
run "$WORK/src/empty.c"
expect_status "empty file" 0
rm -f "$WORK/src/empty.c"

printf '#include <ntddk.h>\nint f(void) { return 1 +; }\nint g(ULONG x) { return x }\n' > "$WORK/syntax.c"
run --format=gcc "$WORK/syntax.c"
expect_status "syntax errors" 1
printf '%s' "$out" | grep -qE 'syntax.c:2:[0-9]+: warning: 2 parse errors; the first: expected expression.*\[UM0001\]'
check "syntax errors: one UM0001 naming the first error and the count" $? "$out"

# Warnings are not parse errors, even under a build's -Werror; errors stay errors.
printf '#include <ntddk.h>\nint f(int x) { int unused; if (x = 2) return 1; }\n' > "$WORK/warnings.c"
run --format=gcc --extra-arg=-Wall --extra-arg=-Werror "$WORK/warnings.c"
expect_status "warnings under -Werror" 0
printf '#include <ntddk.h>\nint f(void) { return undeclared_helper(); }\n' > "$WORK/undeclared.c"
run --format=gcc --extra-arg=-Wall --extra-arg=-Werror "$WORK/undeclared.c"
expect_status "an undeclared function" 1
printf '%s' "$out" | grep -q "undeclared function 'undeclared_helper'.*\[UM0001\]"
check "an undeclared function: still UM0001" $? "$out"

printf '#include "missing_header.h"\nint f(void) { return 0; }\n' > "$WORK/missing.c"
run --format=gcc "$WORK/missing.c"
expect_status "missing include" 1
printf '%s' "$out" | grep -q "'missing_header.h' file not found.*\[UM0001\]"; check "missing include: UM0001" $? "$out"

mkdir -p "$WORK/my dir/ünïcödé"
cp "$WORK/src/bad.c" "$WORK/my dir/ünïcödé/drïver file.c"
run --format=gcc "$WORK/my dir"
expect_status "path with spaces and non-ASCII" 1
printf '%s' "$out" | grep -q "my dir/ünïcödé/drïver file.c:7:9: warning"; check "spaces and non-ASCII kept in paths" $? "$out"

mkdir -p "$WORK/loop/sub"; cp "$WORK/src/clean.c" "$WORK/loop/sub/a.c"
ln -s .. "$WORK/loop/sub/up"
run "$WORK/loop"
expect_status "symlink loop" 0
printf '%s' "$err" | grep -q "sub/up: skipped: symlink loop"; check "symlink loop: note" $? "$err"

mkdir -p "$WORK/db"; echo '{ this is not json' > "$WORK/db/compile_commands.json"
cp "$WORK/src/clean.c" "$WORK/db/x.c"
run -p "$WORK/db" "$WORK/db/x.c"
expect_status "malformed compile_commands.json (-p)" 2
expect_one_line_error "malformed compile_commands.json (-p)" "compile_commands.json: cannot load the compile database"
run "$WORK/db/x.c"
expect_status "malformed compile_commands.json (found upward)" 2
expect_one_line_error "malformed compile_commands.json (found upward)" "compile_commands.json: cannot load"

mkdir -p "$WORK/gooddb"
cat > "$WORK/gooddb/y.c" <<'C'
#include <ntddk.h>
#ifndef FROM_DATABASE
#error compile flags did not come from compile_commands.json
#endif
int f(void) { return 0; }
C
printf '[{"directory": "%s", "command": "clang -DFROM_DATABASE -c y.c", "file": "y.c"}]\n' "$WORK/gooddb" \
  > "$WORK/gooddb/compile_commands.json"
run "$WORK/gooddb/y.c"
expect_status "compile_commands.json found upward is used" 0

run --no-such-option "$WORK/src"
expect_status "unknown option" 2
expect_one_line_error "unknown option" "unknown option '--no-such-option'"
run -j 0 "$WORK/src"
expect_status "-j 0" 2
expect_one_line_error "-j 0" "option -j expects a number"
run -j abc "$WORK/src"
expect_status "-j abc" 2
expect_one_line_error "-j abc" "option -j expects a number"
run --format=xml "$WORK/src"
expect_status "unknown format" 2
run --checks='-*' "$WORK/src"
expect_status "no check enabled" 2
run
expect_status "no paths" 2

# --exclude
run --exclude '*bad*' "$WORK/src"
expect_status "--exclude skips matching files" 0

# --- the bundled headers travel with the binary --------------------------
mkdir -p "$WORK/bin" "$WORK/elsewhere"
cp "$UMALINT" "$WORK/bin/umalint"
(cd "$WORK/elsewhere" && XDG_CACHE_HOME="$WORK/fresh-cache" "$WORK/bin/umalint" --format=gcc "$WORK/src/bad.c" \
   >"$WORK/copied.out" 2>"$WORK/copied.err"); status=$?
[ "$status" -eq 1 ] && grep -q 'UM2003' "$WORK/copied.out" && ! grep -q UM0001 "$WORK/copied.out"
check "a copied binary finds its headers from another directory" $? "$(cat "$WORK/copied.out" "$WORK/copied.err")"

finish
