#!/usr/bin/env bash
# JSON-RPC load test (BENCHMARKS.md, "JSON-RPC"): the trivial `Bench.Ping` beside a bare Hummingbird
# route answering the same bytes (`/bare`), in the same server process and the same run, over HTTP
# keep-alive (wrk, 64 connections) and WebSocket (64 raw clients, one request in flight each), with the
# token cache warm; rounds alternate bare and JSON-RPC so that a change of machine load hits both.
# Then, for information: 64 typed `RPCWebSocketClient`s, and HTTP without the token cache.
# The ratio is JSON-RPC requests/s over bare requests/s; on a shared machine the median of the
# per-round ratios is the steadier figure.
#   scripts/rpc-bench.sh [seconds] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${2:-3}"
port=3460
command -v wrk >/dev/null || apt-get install -y wrk
# RPC_BENCH_SKIP_BUILD=1 uses the release binary as it is (e.g. while another build holds .build);
# RPC_BENCH_BIN=path measures another build of the server (e.g. an older commit's, for before/after).
# RPC_BENCH_SERVE_FLAGS=--metrics measures with per-method metrics recorded, as the services run.
# The build is the one the tests and the main job share (scripts/build.sh), so nothing recompiles.
[ -n "${RPC_BENCH_SKIP_BUILD:-}" ] || scripts/build.sh
bin="${RPC_BENCH_BIN:-.build/release/rpc-bench-server}"
out=$(mktemp)
log=$(mktemp)
run() {
    "$bin" serve "$port" ${RPC_BENCH_SERVE_FLAGS:-} "$@" >"$out" &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    for _ in $(seq 50); do grep -q TOKEN "$out" && curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
    token=$(awk '/TOKEN/ {print $2}' "$out")
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; trap - EXIT; }

# wrk's summary as "rate p50_ms p99_ms".
wrk_summary() {
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         /Requests\/sec/ { rate = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
         END { printf "%d %.2f %.2f\n", rate, p50, p99 }'
}
# rpc-bench-server's summary ("requests: N in S s, R req/s" / "p50 X ms  p99 Y ms") in the same form.
ws_summary() {
    awk '/req\/s/ { rate = $(NF-1) } /^p50/ { p50 = $2; p99 = $5 } END { printf "%d %s %s\n", rate, p50, p99 }'
}
http() { RPC_TOKEN="$token" wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/rpc-bench-ping.lua "http://127.0.0.1:$port$1" | tee -a "$log" | wrk_summary; }
ws() { "$bin" ws-raw "ws://127.0.0.1:$port$1" "$token" 64 "$seconds" | tee -a "$log" | ws_summary; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run
results=()
for round in $(seq "$rounds"); do
    results+=("http bare $(http /bare)" "http rpc $(http /rpc/v1)" "ws bare $(ws /bare)" "ws rpc $(ws /rpc/v1)")
    echo "round $round done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "== each run (requests/s p50 ms p99 ms)"
printf '%s\n' "${results[@]}"
echo "== totals over $rounds round(s) of ${seconds}s, 64 connections, cached token"
printf '%s\n' "${results[@]}" | awk '
    { k = $1" "$2; n[k]++; rate[k] += $3; p50[k] += $4; p99[k] += $5
      if ($2 == "bare") last[$1] = $3; else ratios[$1] = ratios[$1] sprintf(" %.2f", $3 / last[$1]) }
    function median(list,   a, m, i, j, t) {
        m = split(list, a, " ")
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    END {
        printf "| transport | bare req/s | bare p50 | bare p99 | JSON-RPC req/s | JSON-RPC p50 | JSON-RPC p99 | ratio of means | ratio per round (median) |\n|---|--:|--:|--:|--:|--:|--:|--:|--|\n"
        split("http ws", ts, " ")
        for (i = 1; i <= 2; i++) {
            t = ts[i]; b = t" bare"; r = t" rpc"
            printf "| %s | %d | %.2f ms | %.2f ms | %d | %.2f ms | %.2f ms | %.2f | %s (%.2f) |\n", t,
                rate[b] / n[b], p50[b] / n[b], p99[b] / n[b], rate[r] / n[r], p50[r] / n[r], p99[r] / n[r], rate[r] / rate[b],
                ratios[t], median(ratios[t])
        }
    }'
echo "== WebSocket, 64 typed RPCWebSocketClients (client-side JSON-RPC work included)"
"$bin" ws-load "ws://127.0.0.1:$port/rpc/v1" "$token" 64 "$seconds"
stop

run --no-cache
echo "== HTTP keep-alive, 64 connections, HS256 verification on every request (no cache): req/s p50 p99"
http /rpc/v1
stop
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw outputs: $log"
