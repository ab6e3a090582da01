#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds in release (the BLS and VM tests do real
# cryptography and need optimised code), and runs every test, oracle tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --oracles
swift build -c release --build-tests -Xswiftc -enable-testing
swift test -c release -Xswiftc -enable-testing --skip-build "$@"
