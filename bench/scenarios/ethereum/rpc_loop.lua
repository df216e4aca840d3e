-- rpc_loop.lua: benchmark scenario (not part of the suites): N checked RPC calls in one
-- scenario, to measure the runner's cost per RPC check against the bare loop (bench/run.sh).
local N = 5000
scenario {
  id = "bench.rpc-loop", title = "5000 checked eth_chainId calls", family = "ethereum",
  roadmap = { "PERF-01" }, timeout = 120,
  run = function(t)
    local t0 = dlt.now()
    for _ = 1, N do
      t:eq(t.node:call("eth_chainId", {}), "0x7a69", "chain id")
    end
    local dt = dlt.now() - t0
    t:log("runner: %d checked calls in %.3f s: %.0f calls/s, %.1f us/call", N, dt, N / dt, dt / N * 1e6)
  end,
}
