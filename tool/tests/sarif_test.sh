#!/usr/bin/env bash
# Runs sarif_test.py with a hermetic header cache.
export XDG_CACHE_HOME="${TEST_TMPDIR:-/tmp}/cache"
exec python3 "$(dirname "$0")/sarif_test.py" "$@"
