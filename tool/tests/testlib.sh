# testlib.sh - the helpers the end-to-end shell tests share: counting
# checks, running umalint with its output captured, and the assertions on
# exit status and one-line errors. Source it after setting UMALINT and WORK;
# end the test with `finish`.

passed=0 failed=0

check() { # check NAME CONDITION-RESULT(0/1) DETAIL
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

# run ARGS...: in the current directory; sets out, err, status
run() {
  out=$("$UMALINT" "$@" 2>"$WORK/stderr"); status=$?
  err=$(cat "$WORK/stderr")
}

expect_status() { # NAME WANT
  [ "$status" -eq "$2" ]; check "$1: exit $2" $? "got exit $status; stderr: $err"
}

# The error is one `umalint: error:` line naming PATTERN, and no crash.
expect_one_line_error() { # NAME PATTERN
  local lines; lines=$(printf '%s\n' "$err" | grep -c 'umalint: error:')
  printf '%s\n' "$err" | grep -q -- "$2"; local found=$?
  [ "$found" -eq 0 ] && [ "$lines" -eq 1 ]; check "$1: one-line error naming '$2'" $? "stderr: $err"
  printf '%s\n' "$err" | grep -qiE 'sanitizer|runtime error|segmentation|core dumped|abort'
  [ $? -ne 0 ]; check "$1: no crash" $? "stderr: $err"
}

# The closing `N passed, N failed` line; the exit status of the test.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
