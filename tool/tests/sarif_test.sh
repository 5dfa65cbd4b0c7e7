#!/usr/bin/env bash
# Runs sarif_test.py with a hermetic header cache and the OASIS SARIF 2.1.0
# schema from the project's shared/ folder beside the checkout (the runfiles
# are symlinks into the source tree, which leads back to the checkout), or
# from UMALINT_SARIF_SCHEMA.
export XDG_CACHE_HOME="${TEST_TMPDIR:-/tmp}/cache"
here=$(dirname "$0")
checkout=$(dirname "$(dirname "$(dirname "$(readlink -f "$here/sarif_test.py")")")")
schema=${UMALINT_SARIF_SCHEMA:-$checkout/../shared/schemas/sarif-schema-2.1.0.json}
[ -f "$schema" ] || schema=""
exec python3 "$here/sarif_test.py" "$1" "$2" "$schema" "$3"
