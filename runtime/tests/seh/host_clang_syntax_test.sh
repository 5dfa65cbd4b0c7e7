#!/bin/sh
# host_clang_syntax_test.sh - the host-mode macros must compile warning-free
# under clang-19 as well as under the Bazel toolchain's compiler, including
# -Wshadow for nested __try.  Usage: $0 <test sources...> -- <header files...>
set -eu

sources=
while [ "$1" != "--" ]; do
    sources="$sources $1"
    shift
done
shift
header_dir=
for header in "$@"; do
    case $header in
        */excpt.h) header_dir=$(dirname "$header") ;;
    esac
done
test_dir=$(dirname "$(echo $sources | cut -d' ' -f1)")

clang=$(command -v clang-19 || echo /usr/lib/llvm-19/bin/clang)
for source in $sources; do
    "$clang" -std=c11 -D_GNU_SOURCE -fsyntax-only -Wall -Wextra -Wshadow -Werror \
        -I "$header_dir" -I "$test_dir" "$source"
done
echo "host_clang_syntax_test: $(echo $sources | wc -w) passed, 0 failed"
