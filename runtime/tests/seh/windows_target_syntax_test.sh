#!/bin/sh
# windows_target_syntax_test.sh - excpt.h under the Windows target: clang in
# MSVC mode must accept driver-style __try/__except/__finally with our
# header and no warnings.  Usage: $0 <source.c> <runtime header files...>
set -eu

source_file=$1
shift
header_dir=
for header in "$@"; do
    case $header in
        */excpt.h) header_dir=$(dirname "$header") ;;
    esac
done
if [ -z "$header_dir" ]; then
    echo "excpt.h not among the data files" >&2
    exit 1
fi

clang=$(command -v clang-19 || echo /usr/lib/llvm-19/bin/clang)
"$clang" --target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility \
    -fsyntax-only -Wall -Wextra -Werror -idirafter "$header_dir" "$source_file"
echo "windows_target_syntax_test: 1 passed, 0 failed"
