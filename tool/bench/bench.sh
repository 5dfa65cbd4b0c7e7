#!/usr/bin/env bash
# bench.sh - umalint's performance against its peers, on the same generated
# driver trees and the same compiler flags, in one run. A script, not a
# test: timings on a shared machine are noisy, so each measurement is taken
# --repeat times and the best wall time is kept (with that run's CPU time
# and peak RSS from /usr/bin/time); the cold runs of a tree are taken in
# rounds, one of each per round, so that a change in the machine's load
# weighs on all of them alike.
#
#   tool/bench/bench.sh [--sizes 100,1000,5000] [--heavy-files 100] [--heavy-lines 50000]
#                       [--repeat 2] [--no-tidy] [--no-spatch] [--lean] [--umalint PATH] [--work DIR]
#
# Trees (tool/bench/generate_tree.py): N files of 200-2,000 lines each, and
# a "heavy" tree whose files all include a ~50,000-line system header first
# (--heavy-files 0 skips it). Measured per tree:
#   clang-19 -fsyntax-only      once per file, serially (the floor for a libclang tool)
#   clang-tidy-19               one AST check (bugprone-sizeof-expression), all files in one
#                               process, flags from a generated compile_commands.json
#   umalint -j1 / -j2           cold (--no-cache), with and without the shared precompiled header
#   umalint warm                the result cache filled, nothing changed
#   umalint one file changed    the cache filled, one file edited (the stats line says how many were parsed)
#   spatch                      when installed (coccinelle; no preprocessing or types: not the same work)
# then prints a table per tree and the ratios the performance targets name.
# --lean keeps clang and umalint with the shared header only (for the
# 5,000-file tree: about 40 minutes less on a 2-core machine).
# Peers missing are installed from Debian when run as root, else skipped
# with a note. Set BAZEL_OUTPUT_BASE to build umalint in your own output base.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

sizes=100,1000,5000 heavy_files=100 heavy_lines=50000 repeat=2 tidy=1 spatch=1 lean=0 umalint="" work=""
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --heavy-files) heavy_files=$2; shift 2 ;;
    --heavy-lines) heavy_lines=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --no-tidy) tidy=0; shift ;;
    --no-spatch) spatch=0; shift ;;
    --lean) lean=1; tidy=0; spatch=0; shift ;;
    --umalint) umalint=$(realpath "$2"); shift 2 ;;
    --work) work=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

note() { echo "bench: $*" >&2; }

# --- peers ------------------------------------------------------------------
install_missing() { # PACKAGE...
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    note "installing $* from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; } ||
      note "could not install $*"
  else
    note "missing $*: run 'apt-get install -y $*' as root; skipped"
  fi
}
[ -x /usr/bin/time ] || install_missing time
[ -x /usr/bin/time ] || { note "/usr/bin/time is required"; exit 2; }
clang=$(command -v clang-19 || echo /usr/lib/llvm-19/bin/clang)
if [ "$tidy" = 1 ] && ! command -v clang-tidy-19 >/dev/null; then install_missing clang-tidy-19; fi
[ "$tidy" = 1 ] && ! command -v clang-tidy-19 >/dev/null && tidy=0
[ "$spatch" = 1 ] && ! command -v spatch >/dev/null && { note "spatch not installed (apt-get install coccinelle): skipped"; spatch=0; }

if [ -z "$umalint" ]; then
  bazel ${BAZEL_OUTPUT_BASE:+--output_base=$BAZEL_OUTPUT_BASE} build -c opt //tool:umalint >&2
  umalint=$(bazel ${BAZEL_OUTPUT_BASE:+--output_base=$BAZEL_OUTPUT_BASE} info -c opt bazel-bin 2>/dev/null)/tool/umalint
fi
if [ -z "$work" ]; then work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"
export XDG_CACHE_HOME="$work/xdg"
results="$work/results.tsv"
: > "$results"

# The flags umalint uses by default, with the same bundled headers.
printf '#include <ntddk.h>\n' > "$work/probe.c"
"$umalint" -q --no-cache "$work/probe.c" >/dev/null || true
shims=$(ls -d "$XDG_CACHE_HOME"/umalint/include-* | head -1)
base_flags=(--target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility -D_AMD64_ -D_WIN64)

# time_once COMMAND...: runs it once; sets run_line ("wall user system rss") and run_stats
time_once() {
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
  run_line=$(tail -1 "$work/time.txt")
  run_stats=$(grep -h '^umalint: stats: ' "$work/stderr.txt" | sed 's/^umalint: stats: //' | paste -sd'|' || true)
}
faster() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN{exit !(a < b)}'; }
# record TREE LABEL LINE STATS -> results.tsv
record() {
  local wall user system rss
  read -r wall user system rss <<<"$3"
  local cpu; cpu=$(awk -v u="$user" -v s="$system" 'BEGIN{printf "%.2f", u+s}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$wall" "$cpu" "$rss" "$4" >> "$results"
  note "$1: $2: wall ${wall}s, cpu ${cpu}s, rss ${rss} KB"
}

# measure TREE LABEL COMMAND...: best of $repeat by wall time, run back to back
measure() {
  local tree=$1 label=$2; shift 2
  local best="" best_stats="" i
  for ((i = 0; i < repeat; i++)); do
    [ -n "${BEFORE_EACH:-}" ] && eval "$BEFORE_EACH"
    time_once "$@"
    if [ -z "$best" ] || faster "$run_line" "$best"; then best=$run_line; best_stats=$run_stats; fi
  done
  record "$tree" "$label" "$best" "$best_stats"
}

# plan LABEL COMMAND...: a cold measurement for run_plans. The planned ones
# are run in rounds (each once per round, $repeat rounds, best kept), so
# that the machine's load drifting during the run (a build server still
# busy, a neighbour's job) weighs on all of them alike, not on whichever
# came first: their ratios are what the targets are about.
plan_labels=() plan_commands=()
plan() { plan_labels+=("$1"); shift; plan_commands+=("$(printf '%q ' "$@")"); }
run_plans() { # TREE
  local tree=$1 round i
  local -a best=() best_stats=()
  for ((round = 0; round < repeat; round++)); do
    for i in "${!plan_labels[@]}"; do
      eval "time_once ${plan_commands[$i]}"
      if [ -z "${best[$i]:-}" ] || faster "$run_line" "${best[$i]}"; then best[$i]=$run_line; best_stats[$i]=$run_stats; fi
    done
  done
  for i in "${!plan_labels[@]}"; do record "$tree" "${plan_labels[$i]}" "${best[$i]}" "${best_stats[$i]}"; done
  plan_labels=() plan_commands=()
}

cat > "$work/sizeof.cocci" <<'COCCI'
@@
expression D, S;
@@
* CopyFromUser(D, S, sizeof(S))
COCCI

bench_tree() { # NAME DIR EXTRA-FLAG...
  local name=$1 dir=$2; shift 2
  local extra=("$@")
  local flags=("${base_flags[@]}" -resource-dir "$("$clang" -print-resource-dir)" "${extra[@]}" -idirafter "$shims")
  local umalint_extra=() f
  for f in "${extra[@]}"; do umalint_extra+=("--extra-arg=$f"); done
  (cd "$dir/src" && ls ./*.c | sed 's|^\./||') > "$work/files.txt"
  local count; count=$(wc -l < "$work/files.txt")
  local lines; lines=$(cat "$dir"/src/*.c | wc -l)
  printf '%s\tTREE\t%s\t%s\t\t\n' "$name" "$count" "$lines" >> "$results"

  # compile_commands.json outside the tree (umalint would find it upward otherwise).
  mkdir -p "$dir/db"
  python3 - "$dir" "$clang" "${flags[@]}" <<'PY'
import json, os, sys
tree, compiler, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
src = os.path.join(tree, "src")
entries = [{"directory": src, "file": os.path.join(src, f), "arguments": [compiler, *flags, "-c", f]}
           for f in sorted(os.listdir(src)) if f.endswith(".c")]
json.dump(entries, open(os.path.join(tree, "db", "compile_commands.json"), "w"), indent=1)
PY

  cd "$dir/src"
  plan "clang-19 -fsyntax-only (serial)" xargs -a "$work/files.txt" -n 1 "$clang" -fsyntax-only "${flags[@]}"
  if [ "$tidy" = 1 ]; then
    plan "clang-tidy-19 (1 check)" xargs -a "$work/files.txt" clang-tidy-19 --quiet -p "$dir/db" \
      '-checks=-*,bugprone-sizeof-expression'
  fi
  plan "umalint -j1 cold" env UMALINT_STATS=1 "$umalint" -q -j1 --no-cache "${umalint_extra[@]}" .
  [ "$lean" = 1 ] ||
    plan "umalint -j1 cold --no-pch" env UMALINT_STATS=1 "$umalint" -q -j1 --no-cache --no-pch "${umalint_extra[@]}" .
  plan "umalint -j2 cold" env UMALINT_STATS=1 "$umalint" -q -j2 --no-cache "${umalint_extra[@]}" .
  [ "$lean" = 1 ] ||
    plan "umalint -j2 cold --no-pch" env UMALINT_STATS=1 "$umalint" -q -j2 --no-cache --no-pch "${umalint_extra[@]}" .
  run_plans "$name"
  local cache="$work/cache-$name"
  rm -rf "$cache"
  "$umalint" -q -j2 --cache-dir "$cache" "${umalint_extra[@]}" . >/dev/null || true
  measure "$name" "umalint -j1 warm" env UMALINT_STATS=1 "$umalint" -q -j1 --cache-dir "$cache" "${umalint_extra[@]}" .
  local victim; victim=$(head -1 "$work/files.txt")
  BEFORE_EACH="echo '/* edited */' >> '$dir/src/$victim'" \
    measure "$name" "umalint -j1 one file changed" env UMALINT_STATS=1 "$umalint" -q -j1 --cache-dir "$cache" \
      "${umalint_extra[@]}" .
  if [ "$spatch" = 1 ]; then
    measure "$name" "spatch (no includes)" spatch --very-quiet --no-includes --sp-file "$work/sizeof.cocci" --dir .
  fi
  cd "$root"
}

IFS=, read -ra size_list <<<"$sizes"
for size in "${size_list[@]}"; do
  [ -n "$size" ] || continue
  note "generating $size files"
  python3 tool/bench/generate_tree.py "$work/tree-$size" --files "$size" --seed "$size"
  bench_tree "$size files" "$work/tree-$size"
  rm -rf "$work/tree-$size" "$work/cache-$size files"
done
if [ "$heavy_files" -gt 0 ]; then
  note "generating the heavy tree: $heavy_files files including a $heavy_lines-line header"
  python3 tool/bench/generate_tree.py "$work/tree-heavy" --files "$heavy_files" --seed 11 --heavy-lines "$heavy_lines"
  bench_tree "heavy ($heavy_files files)" "$work/tree-heavy" -isystem "$work/tree-heavy/sys"
fi

python3 - "$results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
trees = []
for r in rows:
    if r[1] == "TREE":
        trees.append((r[0], int(r[2]), int(r[3]), {}))
    else:
        trees[-1][3][r[1]] = {"wall": float(r[2]), "cpu": float(r[3]), "rss": int(r[4]), "stats": r[5]}

def ratio(a, b):
    return a / b if b else float("nan")

per_file = {}
for name, count, lines, m in trees:
    print(f"\n== {name}: {lines:,} lines, {lines // max(count, 1)} per file ==")
    clang = m.get("clang-19 -fsyntax-only (serial)")
    print(f"{'':34} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12} {'wall vs clang':>14}")
    for label, v in m.items():
        vs = f"{ratio(v['wall'], clang['wall']):.2f}x" if clang else ""
        print(f"{label:34} {v['wall']:8.2f} {v['cpu']:8.2f} {v['rss'] / 1024:12.1f} {vs:>14}")
    j1, j2 = m.get("umalint -j1 cold"), m.get("umalint -j2 cold")
    j1n = m.get("umalint -j1 cold --no-pch") or {"wall": float("nan"), "cpu": float("nan")}
    j2n = m.get("umalint -j2 cold --no-pch") or {"wall": float("nan"), "cpu": float("nan")}
    tidy, warm, one = m.get("clang-tidy-19 (1 check)"), m.get("umalint -j1 warm"), m.get("umalint -j1 one file changed")
    print("ratios (wall time; cpu time in parentheses):")
    if clang:
        print(f"  umalint -j1 / clang -fsyntax-only:          {ratio(j1['wall'], clang['wall']):.2f} ({ratio(j1['cpu'], clang['cpu']):.2f})"
              f"   without the shared header: {ratio(j1n['wall'], clang['wall']):.2f} ({ratio(j1n['cpu'], clang['cpu']):.2f})   target <= 1.10")
        print(f"  clang -fsyntax-only / umalint -j1:          {ratio(clang['wall'], j1['wall']):.2f} ({ratio(clang['cpu'], j1['cpu']):.2f})"
              f"   heavy-header target >= 2")
    print(f"  speed-up -j2 vs -j1:                        {ratio(j1['wall'], j2['wall']):.2f}   without the shared header: "
          f"{ratio(j1n['wall'], j2n['wall']):.2f}   target >= 1.8")
    if tidy:
        print(f"  clang-tidy-19 / umalint -j1:                {ratio(tidy['wall'], j1['wall']):.2f} ({ratio(tidy['cpu'], j1['cpu']):.2f})   target >= 2")
    print(f"  cold -j1 / warm -j1:                        {ratio(j1['wall'], warm['wall']):.1f} ({ratio(j1['cpu'], warm['cpu']):.1f})   target >= 20")
    print(f"  one file changed:                           {one['wall']:.2f} s; {one['stats']}")
    print(f"  work distribution (-j2 cold):               {j2['stats']}")
    if not name.startswith("heavy"):
        per_file[count] = (j1["wall"] / count * 1000, j1["cpu"] / count * 1000, j1["rss"] / 1024, clang["wall"] / count * 1000 if clang else 0)
if per_file:
    print("\n== growth with the tree (umalint -j1 cold) ==")
    print(f"{'files':>6} {'wall ms/file':>13} {'cpu ms/file':>12} {'peak RSS MB':>12} {'clang wall ms/file':>19}")
    for count in sorted(per_file):
        w, c, r, cl = per_file[count]
        print(f"{count:6} {w:13.1f} {c:12.1f} {r:12.1f} {cl:19.1f}")
PY
note "raw figures: $results"
