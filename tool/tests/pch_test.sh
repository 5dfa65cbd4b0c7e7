#!/usr/bin/env bash
# pch_test.sh - shared-header reuse changes nothing but speed: every report
# over testdata/ is identical with and without the precompiled header, and
# the cases where it must not apply (an unguarded header, a header with
# errors, a stale or corrupt precompiled header, a changed header) fall
# back or rebuild without a trace in the output.
# Usage: pch_test.sh UMALINT TESTDATA_DIR
set -u
UMALINT=$(realpath "$1")
TESTDATA=$(realpath "$2")
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/pch.XXXXXX")
export XDG_CACHE_HOME="$WORK/xdg"
export UMALINT_STATS=1
passed=0 failed=0

check() { # NAME STATUS DETAIL
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}
# run ARGS...: sets out, err, status, with_pch (files parsed with a precompiled header)
run() {
  out=$("$UMALINT" "$@" 2>"$WORK/stderr"); status=$?
  err=$(grep -v '^umalint: stats:' "$WORK/stderr")
  with_pch=$(sed -n 's/^umalint: stats: .*parsed (\([0-9]*\) with a precompiled header).*/\1/p' "$WORK/stderr")
}
no_crash() {
  printf '%s\n' "$err" | grep -qiE 'sanitizer|runtime error|segmentation|core dumped|abort'
  [ $? -ne 0 ]; check "$1: no crash" $? "$err"
}
# same_as_plain NAME ARGS...: the report with the header equals the one without
same_as_plain() {
  local name=$1; shift
  run --no-pch "$@"; local plain=$out plain_status=$status plain_err=$err
  run "$@"
  [ "$out" = "$plain" ] && [ "$status" = "$plain_status" ] && [ "$err" = "$plain_err" ]
  check "$name: same report, summary and exit status as --no-pch" $? \
    "$(diff <(echo "$plain"; echo "$plain_err") <(echo "$out"; echo "$err") | head -20)"
}

# --- all of testdata, every format, with and without a cache ------------------
for format in json text; do
  same_as_plain "testdata --format=$format" --no-cache -j2 --format=$format "$TESTDATA"
done
[ "${with_pch:-0}" -gt 0 ]; check "testdata: files were parsed with a precompiled header" $? "$with_pch"
no_crash "testdata"
run --format=json --no-pch --no-cache "$TESTDATA"; plain=$out
run --format=json "$TESTDATA"
[ "$out" = "$plain" ]; check "testdata with the cache: same report" $? ""
[ -n "$(ls "$XDG_CACHE_HOME"/umalint/results/pch/*.pch 2>/dev/null)" ]; check "the header is kept in the cache directory" $? ""
rm -rf "$XDG_CACHE_HOME"/umalint/results/[0-9a-f][0-9a-f]
run --format=json "$TESTDATA"
[ "$out" = "$plain" ] && [ "${with_pch:-0}" -gt 0 ]; check "a kept header is reused: same report" $? "with_pch=$with_pch"
for pch in "$XDG_CACHE_HOME"/umalint/results/pch/*.pch; do head -c 100 "$pch" > "$pch.cut"; mv "$pch.cut" "$pch"; done
rm -rf "$XDG_CACHE_HOME"/umalint/results/[0-9a-f][0-9a-f]
run --format=json "$TESTDATA"
[ "$out" = "$plain" ] && [ "${with_pch:-0}" -gt 0 ]; check "a corrupt header is rebuilt: same report" $? "with_pch=$with_pch"
no_crash "corrupt header"

# The fact extraction's shortcuts (one-token ranges, the macro bit of a
# location) agree with libclang on every node of testdata, with and
# without the shared header.
for pch_flag in "" --no-pch; do
  run --no-cache -j2 --format=json $pch_flag "$TESTDATA"; fast=$out
  out=$(UMALINT_CHECK_SHORTCUTS=1 "$UMALINT" --no-cache -j2 --format=json $pch_flag "$TESTDATA" 2>"$WORK/stderr"); checked=$out
  ! grep -q 'internal error' "$WORK/stderr" && [ "$checked" = "$fast" ]
  check "extraction shortcuts checked against libclang ${pch_flag:-with the header}" $? "$(grep 'internal error' "$WORK/stderr")"
done

# --- a system header directory of our own ---------------------------------------
SYS="$WORK/sys"; SRC="$WORK/src"
mkdir -p "$SYS" "$SRC"
cat > "$SYS/common.h" <<'C'
#ifndef COMMON_H
#define COMMON_H
#include <ntddk.h>
#include <usermode_accessors.h>
typedef struct _REQ { ULONG Length; ULONG64 Value; } REQ;
#endif
C
for n in 1 2 3 4; do
cat > "$SRC/f$n.c" <<C
/* file $n */
#include <common.h>   // the shared prefix
#include <ntstrsafe.h>
NTSTATUS Handler$n(REQ *UserReq) {
    REQ Local;
    __try {
        CopyFromUser(&Local, UserReq, sizeof(Local));
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
C
done
same_as_plain "a shared system header" --no-cache --format=json --extra-arg=-isystem"$SYS" "$SRC"
[ "$with_pch" = 4 ]; check "a shared system header: all four files use it" $? "with_pch=$with_pch"
run --format=json --extra-arg=-isystem"$SYS" "$SRC"; before=$out
sed -i 's/ULONG Length;/ULONG Length; ULONG Extra; ULONG Pad;/' "$SYS/common.h"
run --no-pch --no-cache --format=json --extra-arg=-isystem"$SYS" "$SRC"; plain=$out
run --format=json --extra-arg=-isystem"$SYS" "$SRC"
[ "$out" = "$plain" ] && [ "$with_pch" = 4 ]; check "a header changed after the build: rebuilt, same report as --no-pch" $? \
  "with_pch=$with_pch $(diff <(echo "$plain") <(echo "$out") | head)"
printf '%s' "$before" | grep -q '16 bytes' && printf '%s' "$out" | grep -q '24 bytes'
check "a header changed after the build: the new struct size is reported" $? "$out"

# Leading #define lines belong to the shared prefix; files left over by the
# first header get one of their own; record typedef names declared in the
# header (REQ for `struct _REQ`) read the same as without it.
SRC2="$WORK/src2"; mkdir -p "$SRC2"
printf '#ifndef PREQ_H\n#define PREQ_H\n#include <ntddk.h>\n#include <usermode_accessors.h>\ntypedef struct _PREQ_BODY { ULONG Length; ULONG64 Value; } PREQ_BODY, *PPREQ_BODY;\n#endif\n' > "$SYS/preq.h"
for n in 1 2 3 4 5; do
  { [ "$n" -le 3 ] && printf '#define NTSTRSAFE_LIB\r\n#define DRIVER_LEVEL  (2 + 1)   \n'
    printf '#include <preq.h>\n'
    [ "$n" -gt 3 ] && printf '#include <ntstrsafe.h>\n'
    cat <<C
NTSTATUS Handler$n(PIRP Irp) {
    PIO_STACK_LOCATION Stack = IoGetCurrentIrpStackLocation(Irp);
    PPREQ_BODY UserReq = (PPREQ_BODY)Stack->Parameters.DeviceIoControl.Type3InputBuffer;
    PREQ_BODY Local;
    __try {
        ProbeForRead(UserReq, sizeof(PREQ_BODY), 1);
        Local = *UserReq;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return Local.Length == DRIVER_LEVEL_OR_1 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}
C
  } > "$SRC2/p$n.c"
done
sed -i 's/DRIVER_LEVEL_OR_1/1/' "$SRC2"/p[45].c
sed -i 's/DRIVER_LEVEL_OR_1/DRIVER_LEVEL/' "$SRC2"/p[123].c
same_as_plain "leading #define lines and a second header" --no-cache --format=json --extra-arg=-isystem"$SYS" "$SRC2"
plain_src2=$out
[ "$with_pch" = 5 ]; check "leading #define lines and a second header: all five files use one" $? "with_pch=$with_pch"
printf '%s' "$out" | grep -q 'TYPE_ALIGNMENT(PREQ_BODY)'
check "a record typedef declared in the header names the struct in suggestions" $? "$out"
run --no-cache --format=json --extra-arg=-isystem"$SYS" "$SRC2"
[ "$(printf '%s' "$out" | grep -c '"UM1004"')" = 5 ]; check "leading #define lines: every file is still analysed" $? "$out"

# The headers are built by the parsing workers (the files of the header
# claimed last are parsed last, waiting when it is not built yet): with
# fewer, as many and more workers than headers, the same report, both
# headers built once and all five files parsed with one.
for jobs in 1 2 3; do
  run --no-cache -j$jobs --format=json --extra-arg=-isystem"$SYS" "$SRC2"
  [ "$out" = "$plain_src2" ] && [ "$with_pch" = 5 ] &&
    grep -q '^umalint: stats: precompiled headers: 2 built, 0 reused' "$WORK/stderr"
  check "two headers built while parsing with -j$jobs: same report, every file with one" $? \
    "with_pch=$with_pch $(grep 'precompiled headers' "$WORK/stderr") $(diff <(echo "$plain_src2") <(echo "$out") | head)"
done
no_crash "headers built while parsing"

# An unguarded header in the prefix must not be entered twice.
printf 'typedef int COUNTER_T;\n' > "$SYS/unguarded.h"
for n in 1 2 3; do printf '#include <unguarded.h>\n#include <ntddk.h>\nCOUNTER_T Value%s(void) { return %s; }\n' $n $n > "$SRC/u$n.c"; done
same_as_plain "an unguarded header" --no-cache --format=json --extra-arg=-isystem"$SYS" "$SRC"/u*.c
[ "${with_pch:-0}" = 0 ]; check "an unguarded header: no precompiled header" $? "with_pch=$with_pch"

# A header with an error cannot be precompiled; the files still get their UM0001.
printf '#ifndef BROKEN_H\n#define BROKEN_H\nint broken(void) { return }\n#endif\n' > "$SYS/broken.h"
for n in 1 2 3; do printf '#include <broken.h>\nint use%s(void) { return broken(); }\n' $n > "$SRC/b$n.c"; done
same_as_plain "a header with an error" --no-cache --format=gcc --extra-arg=-isystem"$SYS" "$SRC"/b*.c
printf '%s' "$out" | grep -q UM0001; check "a header with an error: UM0001 reported" $? "$out"
no_crash "fallbacks"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
