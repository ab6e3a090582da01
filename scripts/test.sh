#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds in release (the BLS and VM tests do real
# cryptography and need optimised code) through the build `scripts/run.sh` shares, and runs every
# test, oracle tests included.
#   scripts/test.sh [--repeat N] [swift test arguments, e.g. --filter Suite]
# --repeat N runs the suite N times on one build and reports each failing test of each run; the
# exit status is non-zero if any run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=1
if [ "${1:-}" = "--repeat" ]; then
    repeat="${2:?--repeat takes a count}"
    shift 2
fi
scripts/install-deps.sh --oracles
start=$(date +%s)
scripts/build.sh --tests
echo "build: $(( $(date +%s) - start )) s"

if [ "$repeat" -eq 1 ]; then
    exec swift test -c release -Xswiftc -enable-testing --skip-build "$@"
fi

logs=$(mktemp -d)
failed_runs=0
for run in $(seq "$repeat"); do
    log="$logs/run-$run.log"
    start=$(date +%s)
    if swift test -c release -Xswiftc -enable-testing --skip-build "$@" >"$log" 2>&1; then
        echo "run $run/$repeat: passed in $(( $(date +%s) - start )) s ($(grep -E '^.* Test run with [0-9]+ tests' "$log" | tail -1 | sed 's/^[^T]*//'))"
    else
        failed_runs=$((failed_runs + 1))
        echo "run $run/$repeat: FAILED in $(( $(date +%s) - start )) s; log: $log"
        # Swift Testing marks failing tests and issues with ✘; XCTest says "failed".
        grep -E '✘|error: |: failed|Fatal error|signal' "$log" | head -40 | sed 's/^/    /'
    fi
done
echo "$((repeat - failed_runs)) passed, $failed_runs failed (runs of the whole suite; logs in $logs)"
[ "$failed_runs" -eq 0 ]
