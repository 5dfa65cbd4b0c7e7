#!/bin/sh
# fixed_source_test.sh - the handlers the e2e harness runs as "fixed by
# umalint" really are umalint's rewrite: each differs from its original,
# calls the accessors the fix is meant to introduce, and no longer holds
# the raw access it replaced. Without this, an e2e test could pass on an
# unchanged copy or on a genrule that silently did nothing.
#
# usage: fixed_source_test.sh ORIGINAL_DIR FIX_REPORT (the genrule's
# fix_report.txt, next to the fixed files: every umalint run's output)
original_dir=$1
fixed_dir=$(dirname "$2")
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# contains FILE TEXT: the fixed file has TEXT (fixed string)
contains() {
    if grep -qF -- "$2" "$fixed_dir/$1"; then pass; else fail "$1: no '$2'"; fi
}
# lacks FILE TEXT: the fixed file no longer has TEXT
lacks() {
    if grep -qF -- "$2" "$fixed_dir/$1"; then fail "$1: still has '$2'"; else pass; fi
}
# contains_one FILE TEXT...: at least one of the texts (a later umalint may
# choose the whole-struct capture over the field accessor)
contains_one() {
    file=$1
    shift
    for text in "$@"; do
        if grep -qF -- "$text" "$fixed_dir/$file"; then pass; return; fi
    done
    fail "$file: none of: $*"
}

for handler in length_double_fetch unaligned_struct_read probe_then_rtlcopymemory probe_copy_length_mismatch; do
    file=$handler.c
    if [ ! -s "$fixed_dir/$file" ]; then
        fail "$file: no fixed file"
        continue
    fi
    if cmp -s "$original_dir/$file" "$fixed_dir/$file"; then fail "$file: identical to the original"; else pass; fi
    [ "$(grep -c -F '#include <usermode_accessors.h>' "$fixed_dir/$file")" = 1 ] && pass ||
        fail "$file: not exactly one #include <usermode_accessors.h>"
done

# (a) the length double fetch: one kernel copy (UM1003's capture fix),
# every read from it
contains length_double_fetch.c "E2E_MESSAGE RequestCapture;"
contains length_double_fetch.c "ReadStructFromUserAligned(&RequestCapture, Request, TYPE_ALIGNMENT(E2E_MESSAGE));"
contains length_double_fetch.c "if (RequestCapture.Length > sizeof(Extension->Staging))"
contains length_double_fetch.c "RtlCopyMemory(Extension->Staging, RequestCapture.Data, RequestCapture.Length);"
contains length_double_fetch.c "*Stored = RequestCapture.Length;"
lacks length_double_fetch.c "Request->Length"
lacks length_double_fetch.c "Request->Data"
lacks length_double_fetch.c "ProbeForRead(Request, sizeof(E2E_MESSAGE), 1);"

# (b) the unaligned struct read
contains_one unaligned_struct_read.c "Offset = ReadULong64FromUser(&Request->Offset);" "ReadStructFromUserAligned(&"
contains_one unaligned_struct_read.c "TYPE_ALIGNMENT(E2E_SEEK_REQUEST)" "TYPE_ALIGNMENT(struct _E2E_SEEK_REQUEST)"
lacks unaligned_struct_read.c "ProbeForRead(Request, sizeof(E2E_SEEK_REQUEST), 1);"
lacks unaligned_struct_read.c "Offset = Request->Offset;"

# (c) probe + RtlCopyMemory
contains probe_then_rtlcopymemory.c "ReadStructFromUserAligned(&Blob, UserBlob, TYPE_ALIGNMENT(E2E_KEY_BLOB));"
lacks probe_then_rtlcopymemory.c "RtlCopyMemory("

# (d) the probe/copy length mismatch
contains probe_copy_length_mismatch.c "CopyFromUser(Extension->Staging, Input, PayloadLength);"
lacks probe_copy_length_mismatch.c "RtlCopyMemory("
# the redundant probe went, and with it the local only the probe used
lacks probe_copy_length_mismatch.c "ProbeForRead("
lacks probe_copy_length_mismatch.c "InputLength"

# The genrule's second --fix run found nothing left to apply.
report=$fixed_dir/fix_report.txt
runs=$(sed -n 's/^runs: //p' "$report")
last_run=$(awk '/^==== /{text=""} {text=text $0 "\n"} END{printf "%s", text}' "$report")
if [ -n "$runs" ] && printf '%b' "$last_run" | grep -q "umalint: 0 fixes applied"; then pass; else
    fail "a second umalint --fix --unsafe-fixes run still applied fixes"
fi
printf '%b' "$last_run" | grep "fixes applied" | sed 's/^/second run: /'
grep -F "was not applied" "$report" | sed 's/^/  /'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
