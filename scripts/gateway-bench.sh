#!/usr/bin/env bash
# sophon-gateway load figures for BENCHMARKS.md ("## sophon-gateway"): real sophon-auth,
# sophon-gateway and two venus-wallet processes (same keys, one account) on loopback; one pool
# service sends WalletSign requests over one WebSocket and checks every answer (a signature over
# that request's own payload, none missing, none answered twice).
# Usage: scripts/gateway-bench.sh [BURST] [N] [IN_FLIGHT]
#   BURST requests all at once (default 4000: one connection admits 4096 calls at a time), then
#   N requests (default 20000) with IN_FLIGHT (default 64) in flight at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
BURST="${1:-4000}"
N="${2:-20000}"
IN_FLIGHT="${3:-64}"
swift build -c release --build-tests -Xswiftc -enable-testing
TEST='WalletRoutingTests/thousandsOfConcurrentSignaturesAreNeitherLostNorDuplicated'
GATEWAY_LOAD_BASELINE=1 GATEWAY_LOAD_COUNT="$BURST" swift test -c release -Xswiftc -enable-testing --skip-build --filter "$TEST" 2>&1 \
    | grep -E 'gateway load|passed after|failed' | cut -c1-300
GATEWAY_LOAD_BASELINE=1 GATEWAY_LOAD_COUNT="$N" GATEWAY_LOAD_CONCURRENCY="$IN_FLIGHT" \
    swift test -c release -Xswiftc -enable-testing --skip-build --filter "$TEST" 2>&1 \
    | grep -E 'gateway load|passed after|failed' | cut -c1-300
