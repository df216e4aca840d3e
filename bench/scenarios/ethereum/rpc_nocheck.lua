-- rpc_nocheck.lua: benchmark scenario (not part of the suites): the same N calls as
-- rpc_loop.lua through node:rpc with no check each (one check at the end), to tell the cost of
-- the call path from the cost of recording checks (bench/run.sh).
local N = 5000
scenario {
  id = "bench.rpc-nocheck", title = "5000 eth_chainId calls, no check each", family = "ethereum",
  roadmap = { "PERF-01" }, timeout = 120,
  run = function(t)
    local t0 = dlt.now()
    local last
    for _ = 1, N do last = t.node:rpc("eth_chainId", {}) end
    local dt = dlt.now() - t0
    t:eq(last, "0x7a69", "chain id")
    t:log("runner: %d calls in %.3f s: %.0f calls/s, %.1f us/call", N, dt, N / dt, dt / N * 1e6)
  end,
}
