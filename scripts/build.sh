#!/usr/bin/env bash
# The one build both README commands share: release mode with testing enabled, so that
# `scripts/test.sh` and `scripts/run.sh` reuse each other's objects instead of compiling every
# dependency twice (the flags are part of SwiftPM's build key: any difference rebuilds it all).
# Usage: scripts/build.sh [--tests]   (--tests also builds the test bundles)
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release -Xswiftc -enable-testing --explicit-target-dependency-import-check error)
if [ "${1:-}" = "--tests" ]; then
    swift build "${flags[@]}" --build-tests
else
    swift build "${flags[@]}"
fi
