#!/bin/sh
# run_copy_bench.sh - build copy_bench.c and the host accessor runtime with
# -O2 and print CopyFromUser vs memcpy throughput at 64 B, 4 KiB, 64 KiB and
# 1 MiB. Target: CopyFromUser >= 0.8x memcpy from 4 KiB up.
# Usage: runtime/bench/run_copy_bench.sh   (CC=clang-19 to change compiler)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
runtime=$(dirname "$here")
cc=${CC:-gcc}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$cc" -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -I "$runtime/include" \
    "$here/copy_bench.c" "$runtime"/src/*.c -o "$out/copy_bench" -lpthread
"$out/copy_bench"
