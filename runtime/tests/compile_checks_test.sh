#!/bin/sh
# compile_checks_test.sh - the compile-time checks of the structure macros
# (RtlTypesCompatible, the KPROCESSOR_MODE size assert) and of the _Generic
# dispatchers, in host mode (gcc and clang) and for the Windows target.
# Usage: $0 <compile_checks.c> <header files...>
set -u

source_file=$1
shift
header_dir=
for header in "$@"; do
    case $header in
        */usermode_accessors.h) header_dir=$(dirname "$header") ;;
    esac
done
clang=$(command -v clang-19 || echo /usr/lib/llvm-19/bin/clang)
passed=0
failed=0

compile() { # compiler-description case
    case $1 in
        gcc) gcc -std=c11 -D_GNU_SOURCE -fsyntax-only -Wall -Wextra -Werror -I "$header_dir" -DCASE="$2" "$source_file" ;;
        clang) "$clang" -std=c11 -D_GNU_SOURCE -fsyntax-only -Wall -Wextra -Wshadow -Werror -I "$header_dir" -DCASE="$2" "$source_file" ;;
        windows) "$clang" --target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility -D_AMD64_ -D_WIN64 \
            -fsyntax-only -Wall -Wextra -Werror -idirafter "$header_dir" -DCASE="$2" "$source_file" ;;
    esac
}

for compiler in gcc clang windows; do
    if compile $compiler 0 >/dev/null 2>&1; then
        passed=$((passed + 1))
    else
        echo "FAIL: $compiler rejects the valid case:"; compile $compiler 0 2>&1 | head -20
        failed=$((failed + 1))
    fi
    for case_number in 1 2 3 4 5 6 7; do
        if compile $compiler $case_number >/dev/null 2>&1; then
            echo "FAIL: $compiler accepts case $case_number"
            failed=$((failed + 1))
        else
            passed=$((passed + 1))
        fi
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
