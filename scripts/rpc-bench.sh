#!/usr/bin/env bash
# JSON-RPC load test (BENCHMARKS.md, "JSON-RPC"): a trivial read method over HTTP keep-alive (wrk)
# and over WebSocket (64 typed clients), with the token cache warm, then HTTP without the cache.
#   scripts/rpc-bench.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
port=3460
command -v wrk >/dev/null || apt-get install -y wrk
swift build -c release --product rpc-bench-server
bin=.build/release/rpc-bench-server
out=$(mktemp)
run() {
    "$bin" serve "$port" "$@" >"$out" &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    for _ in $(seq 50); do grep -q TOKEN "$out" && curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
    token=$(awk '/TOKEN/ {print $2}' "$out")
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; trap - EXIT; }

run
echo "== HTTP keep-alive, 64 connections, cached token verification"
RPC_TOKEN="$token" wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/rpc-bench-ping.lua "http://127.0.0.1:$port/rpc/v1"
echo "== WebSocket, 64 clients, cached token verification (checked once per connection)"
"$bin" ws-load "ws://127.0.0.1:$port/rpc/v1" "$token" 64 "$seconds"
stop

run --no-cache
echo "== HTTP keep-alive, 64 connections, HS256 verification on every request (no cache)"
RPC_TOKEN="$token" wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/rpc-bench-ping.lua "http://127.0.0.1:$port/rpc/v1"
stop
