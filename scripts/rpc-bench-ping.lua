-- wrk script: POST Bench.Ping with the token in $RPC_TOKEN (see BENCHMARKS.md, "JSON-RPC").
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"Bench.Ping","params":[]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RPC_TOKEN")
