#!/usr/bin/env bash
# Runs a Python end-to-end test (tool/tests/*_test.py) with a hermetic
# header cache. Usage: py_test.sh TEST.py UMALINT [ARGS...]
export XDG_CACHE_HOME="${TEST_TMPDIR:-/tmp}/cache"
exec python3 "$@"
