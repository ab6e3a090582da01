#!/usr/bin/env bash
# Chain node API load test (BENCHMARKS.md, "Chain node API: ChainHead and StateGetActor over HTTP"):
# a real `venus daemon` (devnet genesis of its own, temp repo, loopback) answering Filecoin.ChainHead
# and Filecoin.StateGetActor(f01000, head) over HTTP keep-alive, beside a bare Hummingbird server
# (`rpc-bench-server bare`) answering the very bytes the node answered, with no JSON-RPC or chain work.
# Each round runs bare ChainHead, node ChainHead, bare StateGetActor, node StateGetActor (wrk, 64
# connections, the repo's admin token in the Authorization header, as the node's CLI sends it), so
# that a change of machine load hits both sides of a ratio. The ratio is node requests/s over bare
# requests/s; on a shared machine the median of the per-round ratios is the steadier figure.
#   scripts/node-bench.sh [seconds] [rounds]
# NODE_BENCH_SKIP_BUILD=1 uses the release binaries as they are; NODE_BENCH_VENUS=path measures
# another build of the node (e.g. an older commit's, for before/after).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${2:-3}"
node_port=3470
bare_port=3471
command -v wrk >/dev/null || apt-get install -y wrk
[ -n "${NODE_BENCH_SKIP_BUILD:-}" ] || scripts/build.sh
venus="${NODE_BENCH_VENUS:-.build/release/venus}"
bench_server=.build/release/rpc-bench-server
work=$(mktemp -d)
log="$work/wrk.log"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$venus" daemon --repo "$work/repo" --network devnet --listen "127.0.0.1:$node_port" >"$work/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do [ -s "$work/repo/api" ] && [ -s "$work/repo/token" ] && break; sleep 0.2; done
[ -s "$work/repo/api" ] || { echo "the daemon did not start:"; cat "$work/daemon.log"; exit 1; }
token=$(cat "$work/repo/token")

head_request='{"jsonrpc":"2.0","id":1,"method":"Filecoin.ChainHead","params":[]}'
actor_request='{"jsonrpc":"2.0","id":1,"method":"Filecoin.StateGetActor","params":["f01000",null]}'
capture() {
    curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$1" \
        "http://127.0.0.1:$node_port/rpc/v1" >"$2"
    grep -q '"result"' "$2" || { echo "no result for $1:"; cat "$2"; exit 1; }
}
capture "$head_request" "$work/head.json"
capture "$actor_request" "$work/actor.json"
echo "ChainHead answer: $(wc -c <"$work/head.json") bytes; StateGetActor answer: $(cat "$work/actor.json")"

"$bench_server" bare "$bare_port" "/head=$work/head.json" "/actor=$work/actor.json" &
pids+=($!)
for _ in $(seq 100); do curl -s -o /dev/null -X POST "http://127.0.0.1:$bare_port/head" && break; sleep 0.1; done

# wrk's summary as "rate p50_ms p99_ms".
wrk_summary() {
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         /Requests\/sec/ { rate = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
         /Non-2xx/ { bad = 1 }
         END { if (bad) print "wrk saw non-2xx answers" > "/dev/stderr"; printf "%d %.2f %.2f\n", rate, p50, p99 }'
}
load() {
    RPC_TOKEN="$token" RPC_BODY="$1" wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/node-bench.lua "$2" |
        tee -a "$log" | wrk_summary
}

results=()
for round in $(seq "$rounds"); do
    results+=("ChainHead bare $(load "$head_request" "http://127.0.0.1:$bare_port/head")")
    results+=("ChainHead node $(load "$head_request" "http://127.0.0.1:$node_port/rpc/v1")")
    results+=("StateGetActor bare $(load "$actor_request" "http://127.0.0.1:$bare_port/actor")")
    results+=("StateGetActor node $(load "$actor_request" "http://127.0.0.1:$node_port/rpc/v1")")
    echo "round $round done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "== each run (requests/s p50 ms p99 ms)"
printf '%s\n' "${results[@]}"
echo "== totals over $rounds round(s) of ${seconds}s, 64 connections, HTTP keep-alive"
printf '%s\n' "${results[@]}" | awk '
    { k = $1" "$2; n[k]++; rate[k] += $3; p50[k] += $4; p99[k] += $5
      if ($2 == "bare") last[$1] = $3; else ratios[$1] = ratios[$1] sprintf(" %.2f", $3 / last[$1]) }
    function median(list,   a, m, i, j, t) {
        m = split(list, a, " ")
        for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    END {
        printf "| method | bare req/s | bare p50 | bare p99 | node req/s | node p50 | node p99 | ratio of means | ratio per round (median) |\n|---|--:|--:|--:|--:|--:|--:|--:|--|\n"
        split("ChainHead StateGetActor", ms, " ")
        for (i = 1; i <= 2; i++) {
            m = ms[i]; b = m" bare"; r = m" node"
            printf "| %s | %d | %.2f ms | %.2f ms | %d | %.2f ms | %.2f ms | %.2f | %s (%.2f) |\n", m,
                rate[b] / n[b], p50[b] / n[b], p99[b] / n[b], rate[r] / n[r], p50[r] / n[r], p99[r] / n[r], rate[r] / rate[b],
                ratios[m], median(ratios[m])
        }
    }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw outputs: $log"
