#!/usr/bin/env bash
# Runs matcher_test.py with a hermetic header cache.
export XDG_CACHE_HOME="${TEST_TMPDIR:-/tmp}/cache"
exec python3 "$(dirname "$0")/matcher_test.py" "$@"
