#!/usr/bin/env bash
# sophon-gateway load figures for BENCHMARKS.md ("## sophon-gateway"): real sophon-auth,
# sophon-gateway and two venus-wallet processes on loopback; one pool service sends N concurrent
# WalletSign requests over one WebSocket; every answer is checked (signature over its own payload).
# Usage: scripts/gateway-bench.sh [N] (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
swift build -c release --build-tests -Xswiftc -enable-testing
GATEWAY_LOAD_COUNT="$N" swift test -c release -Xswiftc -enable-testing --skip-build \
    --filter 'WalletRoutingTests/thousandsOfConcurrentSignaturesAreNeitherLostNorDuplicated' 2>&1 | grep -E 'gateway load|passed|failed'
