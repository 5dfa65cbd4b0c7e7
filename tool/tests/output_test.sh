#!/usr/bin/env bash
# output_test.sh - the CI-facing output options as a user meets them:
# --format=github (workflow commands, escaped) and --format=jsonl, --report
# FORMAT:PATH beside the main output, --statistics, the exit-status options
# (--exit-zero, --fail-on, --max-warnings, --warnings-as-errors) and the
# UMALINT_OPTS / UMALINT_FORMAT environment defaults.
# Usage: output_test.sh UMALINT TESTDATA_DIR
set -u
UMALINT=$(realpath "$1")
TESTDATA=$(realpath "$2")
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/output.XXXXXX")
export XDG_CACHE_HOME="$WORK/cache"
unset UMALINT_OPTS UMALINT_FORMAT
. "$(dirname "$0")/testlib.sh"

# Stricter than testlib.sh's expect_one_line_error: stderr is that one line.
expect_only_error_line() { # NAME PATTERN
  local lines; lines=$(printf '%s\n' "$err" | grep -c 'umalint: error:')
  printf '%s\n' "$err" | grep -q -- "$2"; local found=$?
  [ "$found" -eq 0 ] && [ "$lines" -eq 1 ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]
  check "$1: one-line error naming '$2'" $? "stderr: $err"
}

cd "$WORK" || exit 1
mkdir -p src
cat > src/warn.c <<'C'
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
cat > src/clean.c <<'C'
#include <ntddk.h>
NTSTATUS Add(ULONG a, ULONG b, ULONG *sum) { *sum = a + b; return STATUS_SUCCESS; }
C
# A UM1001 error with a note; its file name holds the characters GitHub's
# workflow commands escape.
mkdir -p "odd"
cp "$TESTDATA/rules/UM1001/bad_helper_call.c" "odd/we,ird:na%me.c"

# --- --format=github --------------------------------------------------------
run --format=github src/warn.c
expect_status "github" 1
[ "$out" = "::warning file=src/warn.c,line=7,col=9,endColumn=81,title=UM2003 struct-sized-copy::$("$UMALINT" --format=jsonl src/warn.c 2>/dev/null | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["message"])')" ]
check "github: ::warning with file, line, col, endColumn and 'CODE name' title" $? "$out"

run --format=github "odd/we,ird:na%me.c"
expect_status "github: error findings" 1
printf '%s\n' "$out" | grep -q '^::error file=odd/we%2Cird%3Ana%25me.c,line='
check "github: ',' ':' '%' escaped in property values" $? "$out"
printf '%s\n' "$out" | python3 -c '
import json, re, subprocess, sys
lines = sys.stdin.read().splitlines()
truth = [json.loads(l) for l in subprocess.run(sys.argv[1:], capture_output=True, text=True).stdout.splitlines()]
def unescape(value, prop):
    value = value.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%25", "%")
assert len(lines) == len(truth) > 0, (len(lines), len(truth))
for line, want in zip(lines, truth):
    m = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert m, line
    assert m.group(1) == {"error": "error", "warning": "warning", "note": "notice"}[want["severity"]]
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    props = {k: unescape(v, True) for k, v in props.items()}
    assert props["file"] == want["file"] and props["line"] == str(want["line"]), props
    assert props["title"] == want["rule"] + " " + want["name"], props
    message = unescape(m.group(3), False)
    assert "\n" not in m.group(3) and "\r" not in m.group(3)
    assert message.split("\n")[0] == want["message"], message
    notes = ["%s:%d:%d: note: %s" % (n["file"], n["line"], n["column"], n["message"]) for n in want["notes"]]
    assert message.split("\n")[1:] == notes and notes, (message, notes)
' "$UMALINT" --format=jsonl "odd/we,ird:na%me.c"
check "github: decoded as the runner does, each line gives the finding, its title and its notes" $? "$out"

run --format=github src/clean.c
expect_status "github: clean" 0
[ -z "$out" ]; check "github: no output for no findings" $? "$out"

run --format=github "$TESTDATA/rules/UM1001"
printf '%s\n' "$out" | tail -1 | grep -q '^::notice title=umalint::.*annotations of each kind per step'
check "github: a closing notice when more annotations than GitHub shows" $? "$(printf '%s\n' "$out" | tail -1)"

# --- --format=jsonl ---------------------------------------------------------
run --format=jsonl "$TESTDATA"
expect_status "jsonl" 1
"$UMALINT" --format=json "$TESTDATA" 2>/dev/null > json.out
printf '%s\n' "$out" > jsonl.out
python3 - json.out jsonl.out <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().splitlines()
assert [json.loads(line) for line in lines] == report["diagnostics"], "jsonl differs from json diagnostics"
assert all(line.startswith("{") and line.endswith("}") for line in lines)
PY
check "jsonl: one object per line, exactly the json format's diagnostics" $? "$(head -c 300 jsonl.out)"
run --format=jsonl src/clean.c
[ "$status" -eq 0 ] && [ -z "$out" ]; check "jsonl: nothing for no findings" $? "$out"

# --- --report FORMAT:PATH ----------------------------------------------------
run --report json:r/report.json src/warn.c
expect_status "--report into a missing directory" 2
expect_only_error_line "--report into a missing directory" "r/report.json: cannot write the report: no such directory"
[ -z "$out" ]; check "--report into a missing directory: fails before the analysis" $? "$out"

mkdir -p r
run --report json:r/report.json --report sarif:r/report.sarif --report jsonl:r/report.jsonl \
    --report=github:r/annotations.txt src/warn.c
expect_status "--report x4" 1
printf '%s\n' "$out" | grep -qE '^ +7 \| +CopyFromUser' && printf '%s\n' "$out" | grep -q 'warn.c:7:9: warning: .*\[UM2003\]$'
check "--report: text with source lines stays on stdout" $? "$out"
python3 - <<'PY'
import json
report = json.load(open("r/report.json"))
assert report["version"] == 1 and report["diagnostics"][0]["rule"] == "UM2003"
sarif = json.load(open("r/report.sarif"))
assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "UM2003"
assert [json.loads(l) for l in open("r/report.jsonl")] == report["diagnostics"]
assert open("r/annotations.txt").read().startswith("::warning file=src/warn.c,line=7")
PY
check "--report: json, sarif, jsonl and github files written in the same run" $? "$(ls r)"

run --format=json -o r/main.json --report text:r/text.txt src/warn.c
python3 -c 'import json; json.load(open("r/main.json"))' && grep -q '\[UM2003\]' r/text.txt && ! grep -q $'\033' r/text.txt
check "--report with -o: both files, no colour in a text file" $? "$(cat r/text.txt)"

run --report xml:r/x.xml src/warn.c
expect_status "--report unknown format" 2
expect_only_error_line "--report unknown format" "option --report expects FORMAT:PATH"
run --report sarif src/warn.c
expect_status "--report without a path" 2
expect_only_error_line "--report without a path" "option --report expects FORMAT:PATH"
run --report sarif:r src/warn.c
expect_status "--report to a directory" 2
expect_only_error_line "--report to a directory" "r: cannot write the report: is a directory"

# --- --statistics ------------------------------------------------------------
"$UMALINT" --statistics --format=json "$TESTDATA" > statistics.json 2> statistics.txt
python3 -c 'import json,sys; json.load(open("statistics.json"))'; check "--statistics: stdout stays valid JSON" $? ""
python3 - <<'PY'
import collections, json, re
diagnostics = json.load(open("statistics.json"))["diagnostics"]
table = open("statistics.txt").read()
count = collections.Counter(d["rule"] for d in diagnostics)
fixable = collections.Counter(d["rule"] for d in diagnostics if d["fixes"])
rows = [l.split() for l in table.splitlines() if re.match(r"^ *\d+ +\d+ +UM\d{4} ", l)]
assert rows and {r[2]: (int(r[0]), int(r[1])) for r in rows} == {k: (count[k], fixable[k]) for k in count}, rows
assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
assert re.search(r"^ *count +fixable +rule +name$", table, re.M)
PY
check "--statistics: per rule count and fixable count on stderr, most first" $? "$(cat statistics.txt)"

# --- suppressed findings: only SARIF shows them ---------------------------------
sed 's|TYPE_ALIGNMENT(REQ));|TYPE_ALIGNMENT(REQ)); // umalint-disable-line UM2003 -- reviewed|' src/warn.c > quiet.c
for format in github jsonl gcc; do
  run --format=$format --statistics --fail-on=note --max-warnings=0 quiet.c
  [ "$status" -eq 0 ] && [ -z "$out" ] && ! printf '%s' "$err" | grep -q UM2003
  check "a suppressed finding: no $format output, no statistics row, no failure" $? "exit $status: $out $err"
done

# --- exit status options -------------------------------------------------------
run -q --exit-zero src/warn.c
expect_status "--exit-zero with a warning" 0
run -q --exit-zero src/warn.c src/missing.c
expect_status "--exit-zero keeps exit 2 for a missing input" 2
run -q --fail-on=error src/warn.c
expect_status "--fail-on=error with a warning" 0
run -q --fail-on=error "odd/we,ird:na%me.c"
expect_status "--fail-on=error with an error" 1
run -q --fail-on=note src/warn.c
expect_status "--fail-on=note with a warning" 1
run -q --fail-on=note src/clean.c
expect_status "--fail-on=note, clean" 0
run -q --fail-on=fatal src/warn.c
expect_status "--fail-on=fatal" 2
expect_only_error_line "--fail-on=fatal" "option --fail-on expects error, warning or note"

warnings=$("$UMALINT" --format=jsonl "$TESTDATA/rules/UM2003" 2>/dev/null | wc -l)
run -q --max-warnings "$warnings" "$TESTDATA/rules/UM2003"
expect_status "--max-warnings N with N warnings" 0
run -q --max-warnings $((warnings - 1)) "$TESTDATA/rules/UM2003"
expect_status "--max-warnings N with N+1 warnings" 1
run -q --max-warnings 1000 "odd/we,ird:na%me.c"
expect_status "--max-warnings: errors still fail" 1
run -q --fail-on=error --max-warnings=0 src/warn.c
expect_status "--max-warnings=0 enforced even with --fail-on=error" 1
run -q --max-warnings -1 src/warn.c
expect_status "--max-warnings -1" 2
expect_only_error_line "--max-warnings -1" "option --max-warnings expects a number"

run --format=gcc --warnings-as-errors=UM2003 src/warn.c
expect_status "--warnings-as-errors=UM2003" 1
printf '%s\n' "$out" | grep -q 'warn.c:7:9: error: .*\[UM2003\]$'; check "--warnings-as-errors: printed as error" $? "$out"
run -q --fail-on=error --warnings-as-errors='struct-*' src/warn.c
expect_status "--warnings-as-errors by name glob, with --fail-on=error" 1
run -q --fail-on=error --warnings-as-errors='UM2*,-UM2003' src/warn.c
expect_status "--warnings-as-errors: '-' removes" 0
run --format=sarif --warnings-as-errors='*' src/warn.c
printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin)["runs"][0]["results"][0]; assert r["level"] == "error"'
check "--warnings-as-errors: SARIF level error" $? ""
mkdir -p configured && cp src/warn.c configured/ && echo '{"warnings_as_errors": "UM2003"}' > configured/.umalint.json
run --format=gcc configured/warn.c
printf '%s\n' "$out" | grep -q 'warn.c:7:9: error: .*\[UM2003\]$'; check "a configuration file's warnings_as_errors" $? "$out $err"
run --format=gcc --warnings-as-errors='-UM2003' configured/warn.c
printf '%s\n' "$out" | grep -q 'warn.c:7:9: warning: .*\[UM2003\]$'
check "--warnings-as-errors applies after the configuration file's globs" $? "$out $err"
run --warnings-as-errors='UM9*' src/warn.c
expect_status "--warnings-as-errors matching no check" 2
expect_only_error_line "--warnings-as-errors matching no check" "--warnings-as-errors: 'UM9\*' matches no check"

# --- UMALINT_OPTS and UMALINT_FORMAT -------------------------------------------
out=$(UMALINT_OPTS='--format=gcc   --fail-on=error' "$UMALINT" src/warn.c 2>/dev/null); status=$?
[ "$status" -eq 0 ] && printf '%s\n' "$out" | grep -q '^src/warn.c:7:9: warning: .*\[UM2003\]$'
check "UMALINT_OPTS: options read before the arguments" $? "exit $status: $out"
out=$(UMALINT_OPTS='--format=gcc' "$UMALINT" --format=jsonl src/warn.c 2>/dev/null)
printf '%s' "$out" | python3 -c 'import json,sys; json.loads(sys.stdin.readline())'
check "UMALINT_OPTS: the command line wins" $? "$out"
out=$(UMALINT_OPTS='--no-such-flag' "$UMALINT" src/warn.c 2>"$WORK/stderr"); status=$?; err=$(cat "$WORK/stderr")
expect_status "UMALINT_OPTS with a bad option" 2
expect_only_error_line "UMALINT_OPTS with a bad option" "unknown option '--no-such-flag' (see umalint --help) (in UMALINT_OPTS)"
# Quotes and backslashes group words as a shell would (here a directory
# name with a blank), and an unterminated quote is a usage error.
mkdir -p "my dir" && cp src/warn.c "my dir/copy.c"
out=$(UMALINT_OPTS="--format=gcc --exclude='my dir' --exclude=\"clean.c\"" "$UMALINT" src "my dir" 2>/dev/null)
[ "$(printf '%s\n' "$out" | grep -c 'UM2003')" = 1 ] && printf '%s\n' "$out" | grep -q '^src/warn.c:7:9:'
check "UMALINT_OPTS: a quoted value with a blank is one word" $? "$out"
out=$(UMALINT_OPTS='--format=gcc --exclude=my\ dir' "$UMALINT" src "my dir" 2>/dev/null)
[ "$(printf '%s\n' "$out" | grep -c 'UM2003')" = 1 ]
check "UMALINT_OPTS: an escaped blank is part of the word" $? "$out"
out=$(UMALINT_OPTS="--format=gcc --exclude='my dir" "$UMALINT" src/warn.c 2>"$WORK/stderr"); status=$?; err=$(cat "$WORK/stderr")
expect_status "UMALINT_OPTS with an unterminated quote" 2
expect_only_error_line "UMALINT_OPTS with an unterminated quote" "UMALINT_OPTS: unterminated single quote at character 24"
rm -rf "my dir"

out=$(UMALINT_FORMAT=jsonl "$UMALINT" src/warn.c 2>/dev/null)
printf '%s' "$out" | python3 -c 'import json,sys; assert json.loads(sys.stdin.read())["rule"] == "UM2003"'
check "UMALINT_FORMAT: the default format" $? "$out"
out=$(UMALINT_FORMAT=jsonl "$UMALINT" --format=gcc src/warn.c 2>/dev/null)
printf '%s\n' "$out" | grep -q '^src/warn.c:7:9: warning'; check "UMALINT_FORMAT: --format wins" $? "$out"
out=$(UMALINT_FORMAT=yaml "$UMALINT" src/warn.c 2>"$WORK/stderr"); status=$?; err=$(cat "$WORK/stderr")
expect_status "UMALINT_FORMAT=yaml" 2
expect_only_error_line "UMALINT_FORMAT=yaml" "UMALINT_FORMAT: unknown format 'yaml'"

# --- --help names the new options -----------------------------------------------
run --help
for option in --report --statistics --exit-zero --fail-on --max-warnings --warnings-as-errors UMALINT_OPTS \
              UMALINT_FORMAT sarif github jsonl; do
  printf '%s' "$out" | grep -q -- "$option"; check "--help mentions $option" $? ""
done

finish
