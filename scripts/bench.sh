#!/usr/bin/env bash
# Runs our benchmarks and their peers in the same run, on the same machine.
#   scripts/bench.sh            every benchmark target, then every peer script
#   scripts/bench.sh BLS        only targets and peers whose names contain "BLS" (case-insensitive)
# The tables in BENCHMARKS.md are made from this output (ours / peer = ratio).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --oracles
filter="${1:-}"
cd Benchmarks
targets=$(ls Benchmarks)
for target in $targets; do
    if [ -n "$filter" ] && ! echo "$target" | grep -qi "$filter"; then continue; fi
    echo "== $target (ours)"
    # *Check targets are plain executables (timings the benchmark runner cannot take, see their main.swift).
    if [[ "$target" == *Check ]]; then swift run -c release "$target"; continue; fi
    swift package --allow-writing-to-package-directory benchmark --target "$target" \
        --format markdown --time-units microseconds --no-progress
done
for peer in peers/*.py; do
    if [ -n "$filter" ] && ! echo "$peer" | grep -qi "$filter"; then continue; fi
    echo "== $peer (peer)"
    python3 "$peer"
done
