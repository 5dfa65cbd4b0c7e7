#!/usr/bin/env bash
# Runs the fixture harness with a hermetic header cache.
export XDG_CACHE_HOME="${TEST_TMPDIR:-/tmp}/cache"
exec python3 "$(dirname "$0")/fixture_test.py" "$@"
