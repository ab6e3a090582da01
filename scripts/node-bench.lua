-- wrk script: POST the JSON-RPC request in $RPC_BODY with the token in $RPC_TOKEN
-- (see BENCHMARKS.md, "Chain node API: ChainHead and StateGetActor over HTTP").
wrk.method = "POST"
wrk.body = os.getenv("RPC_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("RPC_TOKEN")
