#!/bin/sh
# windows_compat_test.sh - usermode_accessors.h compiles for a Windows target
# (the down-level, all-inline path a driver on an older WDK would use), warning
# free, and parses fast enough for umalint, which parses driver code with it.
# Usage: $0 <driver source> <header files...>
set -eu

source_file=$1
shift
header_dir=
for header in "$@"; do
    case $header in
        */usermode_accessors.h) header_dir=$(dirname "$header") ;;
    esac
done
[ -n "$header_dir" ] || { echo "usermode_accessors.h not among the data files"; exit 1; }

clang=$(command -v clang-19 || echo /usr/lib/llvm-19/bin/clang)
out=${TEST_TMPDIR:-/tmp}/windows_compat_driver.o
windows_flags="--target=x86_64-pc-windows-msvc -fms-extensions -fms-compatibility -D_AMD64_ -D_WIN64"
passed=0

# The exact command from the issue.
"$clang" $windows_flags -c -Wall -Wextra -Werror -idirafter "$header_dir" "$source_file" -o "$out"
passed=$((passed + 1))

# DBG builds add the fast-fail checks.
"$clang" $windows_flags -DDBG=1 -c -Wall -Wextra -Werror -idirafter "$header_dir" "$source_file" -o "$out"
passed=$((passed + 1))

# No host runtime: nothing but the WDK imports may be left undefined.
if command -v llvm-nm-19 >/dev/null 2>&1; then
    undefined=$(llvm-nm-19 -u "$out" | awk '{print $NF}' | grep -v -E '^(__imp_)?(ProbeForRead|ExProbeAlignment|MmUserProbeAddress|__C_specific_handler|_fltused|memcpy|memset|__security_check_cookie)$' || true)
    if [ -n "$undefined" ]; then
        echo "unexpected undefined symbols: $undefined"
        exit 1
    fi
    passed=$((passed + 1))
fi

# _EXCLUDE_EXTENDED_UMA_FUNCTIONS_ keeps only the Rtl* layer.
printf '#include <ntddk.h>\n#define _EXCLUDE_EXTENDED_UMA_FUNCTIONS_\n#include <usermode_accessors.h>\nULONG f(const ULONG *p) { return RtlReadULongFromUser(p); }\n#ifdef ReadStructFromUser\n#error extended functions present\n#endif\n' \
    | "$clang" $windows_flags -fsyntax-only -Wall -Wextra -Werror -Wno-missing-prototypes -idirafter "$header_dir" -x c -
passed=$((passed + 1))

# Parse cost of the header alone (umalint parses every driver file with it).
start=$(date +%s%N)
for run in 1 2 3 4 5; do
    printf '#include <wdm.h>\n#include <usermode_accessors.h>\n' \
        | "$clang" $windows_flags -fsyntax-only -Wall -Wextra -Werror -idirafter "$header_dir" -x c -
done
end=$(date +%s%N)
echo "windows_compat_test: wdm.h + usermode_accessors.h parse in $(( (end - start) / 5000000 )) ms per run"
passed=$((passed + 1))

echo "$passed passed, 0 failed"
