#!/usr/bin/env bash
# double_fetch_fix_test.sh - UM1003's capture fix on the UM1003 fixtures:
# `--fix --unsafe-fixes` on copies takes one kernel copy per user object
# (the expected capture text is in each fixed file), every fixed file still
# parses (no UM0001) and reports no UM1003, a second run applies nothing,
# plain --fix leaves the (unsafe) capture alone, and the shapes the fix must
# not touch (writes through the pointer, items past the struct, an alias
# made with &) carry no fix.
# Usage: double_fetch_fix_test.sh UMALINT UM1003_FIXTURE_DIR
set -u
UMALINT=$(realpath "$1")
FIXTURES=$(realpath "$2")
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/double_fetch_fix.XXXXXX")
export XDG_CACHE_HOME="$WORK/cache"
passed=0 failed=0

check() { # NAME STATUS(0 = ok) DETAIL
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

# FILE|TEXT the fixed file must contain (fixed strings).
EXPECTED_TEXT=(
  "bad_check_then_copy.c|ReadStructFromUserAligned(&MessageCapture, Message, TYPE_ALIGNMENT(SAMPLE_MESSAGE));"
  "bad_check_then_copy.c|RtlCopyMemory(Local, MessageCapture.Data, Length);"
  "bad_cpp_direct.cpp|ReadStructFromUserAligned(&RequestCapture, Request, TYPE_ALIGNMENT(BLOB_REQUEST));"
  "bad_cpp_direct.cpp|Store[RequestCapture.Size] = 0;"
  "bad_field_then_struct.c|if (PacketCapture.Length > 32)"
  "bad_field_then_struct.c|Local = PacketCapture;"
  "bad_logging_reread.c|Mode = RequestCapture.Mode;"
  "bad_loop_bound.c|for (Index = 0; Index < TableCapture.Count; Index++)"
  "bad_loop_bound.c|Local[Index] = TableCapture.Entries[Index];"
  "bad_pointer_reread.c|CopyFromUser(Local, IoCapture.Buffer, 64);"
  "bad_rtlcopymemory_capture.c|RtlCopyMemory(&Batch, &UserBatchCapture, sizeof(Batch));"
  "bad_fix_loop_items.c|Sum += WeightsCapture.Weights[Index];"
  "bad_fix_name_taken.c|SAMPLE_LIMITS RequestCapture2;"
  "bad_fix_name_taken.c|ReadStructFromUserAligned(&RequestCapture2, Request, TYPE_ALIGNMENT(SAMPLE_LIMITS));"
  "bad_fix_nested_payload.c|SAMPLE_UPLOAD UploadCapture;"
  "bad_fix_nested_payload.c|CopyFromUser(Device->Buffer, UploadCapture.Payload,"
  "bad_fix_nested_payload.c|Irp->IoStatus.Information = UploadCapture.Length;"
  "bad_fix_paren_deref.c|if (RequestCapture.Count == 0 || RequestCapture.Count > SAMPLE_MAX_RANGES)"
  "bad_fix_scalar_length.c|ULONG LengthCapture;"
  "bad_fix_scalar_length.c|LengthCapture = ReadULongFromUser(Length);"
  "bad_fix_scalar_length.c|Pool = ExAllocatePool2(POOL_FLAG_PAGED, LengthCapture, SAMPLE_TAG);"
)
FIXED_FILES=$(printf '%s\n' "${EXPECTED_TEXT[@]}" | cut -d'|' -f1 | sort -u)
NO_FIX_FILES="bad_nofix_write_back.c bad_nofix_anysize_items.c bad_alias_allocation.c"

# rules_in FILE...: "RULE LINE fixes=N" per finding (JSON writer)
rules_in() {
  "$UMALINT" --format=json "$@" 2>/dev/null | python3 -c '
import json, sys
for d in json.load(sys.stdin)["diagnostics"]:
    print(d["rule"], d["file"], d["line"], "fixes=%d" % len(d["fixes"]))'
}

# --- the shapes left alone -----------------------------------------------
for file in $NO_FIX_FILES; do
  found=$(rules_in "$FIXTURES/$file" | grep '^UM1003 ')
  [ -n "$found" ] && ! printf '%s\n' "$found" | grep -qv 'fixes=0$'
  check "$file: UM1003 reported without a fix" $? "$found"
done

# --- plain --fix: the capture is an unsafe fix ---------------------------
mkdir -p "$WORK/safe" && cp -L "$FIXTURES"/* "$WORK/safe/" && chmod u+w "$WORK/safe"/*
(cd "$WORK/safe" && "$UMALINT" --fix $FIXED_FILES >/dev/null 2>&1)
added=""
for file in $FIXED_FILES; do
  [ "$(grep -c Capture "$WORK/safe/$file")" -eq "$(grep -c Capture "$FIXTURES/$file")" ] || added="$added $file"
done
[ -z "$added" ]
check "--fix without --unsafe-fixes takes no capture" $? "captures in:$added"

# --- --fix --unsafe-fixes ------------------------------------------------
mkdir -p "$WORK/fixed" && cp -L "$FIXTURES"/* "$WORK/fixed/" && chmod u+w "$WORK/fixed"/*
cd "$WORK/fixed"
out=$("$UMALINT" --fix --unsafe-fixes --color=never . 2>&1); status=$?
[ "$status" -le 1 ]
check "--fix --unsafe-fixes runs (exit 0 or 1)" $? "exit $status: $out"
for entry in "${EXPECTED_TEXT[@]}"; do
  file=${entry%%|*} text=${entry#*|}
  grep -qF -- "$text" "$file"
  check "$file: has '$text'" $? "$(diff -u "$FIXTURES/$file" "$file")"
done
for file in $FIXED_FILES; do
  left=$(rules_in "$file" | grep -E '^(UM1003|UM0001) ')
  [ -z "$left" ]
  check "$file: parses and reports no UM1003 after the fix" $? "$left"
  declaration='^[[:space:]]*[A-Za-z_][A-Za-z_0-9]* [A-Za-z_0-9]*Capture[0-9]*;'
  [ $(($(grep -c "$declaration" "$file") - $(grep -c "$declaration" "$FIXTURES/$file"))) -eq 1 ]
  check "$file: one copy declared" $? "$(grep -n 'Capture' "$file")"
done
parse_errors=$(rules_in . | grep '^UM0001 ')
[ -z "$parse_errors" ]
check "no fixed file has a parse error" $? "$parse_errors"
out=$("$UMALINT" --fix --unsafe-fixes --color=never . 2>&1)
printf '%s\n' "$out" | grep -q 'umalint: 0 fixes applied'
check "a second --fix --unsafe-fixes applies nothing" $? "$out"

echo "$passed passed, $failed failed"
rm -rf "$WORK"
[ "$failed" -eq 0 ]
