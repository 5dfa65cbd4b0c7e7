#!/bin/sh
# shim_compile_test.sh - compiles the WDK shim headers and the sample
# drivers with -fsyntax-only -Werror:
#   * Windows x64 target (clang --target=x86_64-pc-windows-msvc) as C:
#     layout_test.c and every drivers/*.c;
#   * the same target as C++: the drivers except the try/except-spelling
#     one (those spellings are C only, by design);
#   * host mode (gcc and clang, -std=c11): layout_test.c, host_headers.c;
#   * a negative control: a wrong size assertion must fail to compile, so a
#     broken harness cannot pass silently.
# Runs from the runfiles root of the workspace (Bazel sh_test) or from the
# repository root.
set -u

if [ -n "${TEST_SRCDIR:-}" ] && [ -d "${TEST_SRCDIR}/umalint" ]; then
    cd "${TEST_SRCDIR}/umalint" || exit 1
fi
INC=runtime/include
DIR=runtime/tests/shims
TMP=${TEST_TMPDIR:-$(mktemp -d)}

CLANG=$(command -v clang-19 || true)
[ -n "$CLANG" ] || CLANG=/usr/lib/llvm-19/bin/clang
GCC=$(command -v gcc || command -v cc || true)

WARN="-Wall -Wextra -Werror"
WIN="--target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility -D_AMD64_ -D_WIN64"

failures=0
run() {
    # run DESCRIPTION COMMAND...
    desc=$1
    shift
    if "$@" >"$TMP/out.txt" 2>&1; then
        echo "ok    $desc"
    else
        echo "FAIL  $desc"
        echo "      $*"
        sed 's/^/      /' "$TMP/out.txt"
        failures=$((failures + 1))
    fi
}

if [ ! -x "$CLANG" ]; then
    echo "FAIL  clang-19 not found"
    exit 1
fi

# Windows target, C.
run "windows C   layout_test.c" "$CLANG" $WIN -fsyntax-only $WARN -idirafter $INC "$DIR/layout_test.c"
for f in "$DIR"/drivers/*.c; do
    run "windows C   $(basename "$f")" "$CLANG" $WIN -fsyntax-only $WARN -idirafter $INC "$f"
done

# Windows target, C++ (driver code may be C++).
for f in "$DIR"/drivers/*.c; do
    case "$f" in
    *try_spelling*) continue ;;
    esac
    run "windows C++ $(basename "$f")" "$CLANG" $WIN -x c++ -fsyntax-only $WARN -idirafter $INC "$f"
done

# Host mode.
for cc in "$GCC" "$CLANG"; do
    [ -n "$cc" ] || continue
    name=$(basename "$cc")
    run "host $name layout_test.c" "$cc" -std=c11 -fsyntax-only $WARN -idirafter $INC "$DIR/layout_test.c"
    run "host $name host_headers.c" "$cc" -std=c11 -fsyntax-only $WARN -idirafter $INC "$DIR/host_headers.c"
done

# Negative control: a wrong layout claim must not compile.
printf '#include <wdm.h>\n_Static_assert(sizeof(ULONG) == 8, "wrong on purpose");\n' >"$TMP/negative.c"
if "$CLANG" $WIN -fsyntax-only $WARN -idirafter $INC "$TMP/negative.c" >/dev/null 2>&1; then
    echo "FAIL  negative control compiled: the harness cannot detect a wrong size"
    failures=$((failures + 1))
else
    echo "ok    negative control rejected"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all shim compile checks passed"
