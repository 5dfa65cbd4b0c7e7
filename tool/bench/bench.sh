#!/usr/bin/env bash
# bench.sh - umalint against `clang -fsyntax-only` on the same synthetic
# driver files and flags, in one run. Not a test: machines are noisy.
#
#   tool/bench/bench.sh [FILES=200] [FUNCTIONS_PER_FILE=20]
#
# Prints wall times, `ratio umalint/clang-fsyntax-only: X.XX` (umalint -j1
# against clang run once per file, serially) and the -j1 vs -j2 speed-up.
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-200}
functions=${2:-20}
bazel build -c opt //tool:umalint >&2
umalint=$(bazel info -c opt bazel-bin 2>/dev/null)/tool/umalint
clang=$(command -v clang-19 || echo /usr/lib/llvm-19/bin/clang)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"

python3 - "$work/tree" "$files" "$functions" <<'PY'
import os, random, sys
root, files, functions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
os.makedirs(root, exist_ok=True)
for n in range(files):
    out = [f"/* synthetic driver file {n} */", "#include <ntddk.h>", "#include <usermode_accessors.h>", ""]
    out.append(f"typedef struct _REQ{n} {{ ULONG Length; ULONG Flags; ULONG64 Cookie; PVOID Data; }} REQ{n}, *PREQ{n};")
    for f in range(functions):
        kind = random.randrange(3)
        out.append(f"NTSTATUS Handler{n}_{f}(PIRP Irp, PIO_STACK_LOCATION IrpSp)\n{{")
        out.append(f"    REQ{n} Local;\n    PREQ{n} User = (PREQ{n})IrpSp->Parameters.DeviceIoControl.Type3InputBuffer;")
        out.append("    ULONG Count = 0;\n    UNREFERENCED_PARAMETER(Irp);")
        out.append("    __try {")
        if kind == 0:
            out.append(f"        CopyFromUser(&Local, User, sizeof(Local));")
        elif kind == 1:
            out.append(f"        ReadStructFromUserAligned(&Local, User, TYPE_ALIGNMENT(REQ{n}));")
        else:
            out.append(f"        ProbeForRead(User, sizeof(REQ{n}), TYPE_ALIGNMENT(REQ{n}));")
            out.append(f"        RtlCopyMemory(&Local, User, sizeof(Local));")
        out.append("    } __except (EXCEPTION_EXECUTE_HANDLER) {\n        return GetExceptionCode();\n    }")
        out.append("    for (ULONG i = 0; i < Local.Length && i < 16; i++) { Count += i * Local.Flags; }")
        out.append("    if (Count > 100) { KdPrint((\"count %lu\\n\", Count)); }")
        out.append("    return Local.Flags ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;\n}\n")
    with open(os.path.join(root, f"driver{n:05}.c"), "w") as fh:
        fh.write("\n".join(out))
PY

# The same flags umalint uses by default, with the same bundled headers.
"$umalint" -q "$work/tree/driver00000.c" >/dev/null || true
shims=$(ls -d "$XDG_CACHE_HOME"/umalint/include-* | head -1)
flags=(--target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility -D_AMD64_ -D_WIN64 -idirafter "$shims")

now() { date +%s.%N; }
t0=$(now); for f in "$work"/tree/*.c; do "$clang" -fsyntax-only "${flags[@]}" "$f" 2>/dev/null || true; done; t1=$(now)
"$umalint" -q -j1 "$work/tree" >/dev/null || true; t2=$(now)
"$umalint" -q -j2 "$work/tree" >/dev/null || true; t3=$(now)

python3 - "$t0" "$t1" "$t2" "$t3" "$files" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); files = sys.argv[5]
clang, j1, j2 = t1 - t0, t2 - t1, t3 - t2
print(f"files: {files}")
print(f"clang -fsyntax-only (serial): {clang:.2f} s")
print(f"umalint -j1:                  {j1:.2f} s")
print(f"umalint -j2:                  {j2:.2f} s")
print(f"ratio umalint/clang-fsyntax-only: {j1 / clang:.2f}")
print(f"speed-up -j2 vs -j1: {j1 / j2:.2f}")
PY
