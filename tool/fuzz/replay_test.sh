#!/usr/bin/env bash
# replay_test.sh - a fuzz target's seed corpus through its replay binary
# (no libFuzzer: the ordinary build, sanitised under --config=asan).
# Usage: replay_test.sh REPLAY CORPUS_DIR
set -u
out=$("$1" "$2"/* 2>&1); status=$?
count=$(ls "$2" | wc -l)
if [ "$status" -eq 0 ] && printf '%s' "$out" | grep -q "^$count inputs replayed"; then
  echo "ok   $count seeds of $2 replayed"; echo "1 passed, 0 failed"; exit 0
fi
echo "FAIL replaying $2: exit $status: $out"; echo "0 passed, 1 failed"; exit 1
