-- PERF-04: 100 read calls in one JSON-RPC batch against the same 100 calls one by one, five
-- rounds each, on the families that take batches (ethereum, bitcoin; monero's json_rpc does
-- not: skipped). The comparison is recorded; the check is that the batch answered every call.
local perf = require "perf"
scenario {
	id = "perf.rpc.batch",
	title = "100 calls batched versus one by one",
	family = "any",
	roadmap = { "PERF-04" },
	requires = { "batch" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local call = perf.read_call(node)
		if not call then t:skip("no read call known for family " .. tostring(node.family)) end
		local reqs = {}
		for i = 1, 100 do reqs[i] = { call.method, call.params } end
		local answered = 0
		local hb = perf.time_each(5, function()
			local res = node:batch(reqs)
			answered = 0
			for _, r in ipairs(res or {}) do
				if r.result ~= nil and (r.error == nil or r.error == dlt.null) then answered = answered + 1 end
			end
		end)
		t:eq(answered, 100, "the batch answered all 100 calls")
		local hs = perf.time_each(5, function()
			for _ = 1, 100 do node:call(call.method, call.params) end
		end)
		t:perf("100 calls, batched", { histogram = hb, calls = 100, rounds = 5 })
		t:perf("100 calls, one by one", { histogram = hs, calls = 100, rounds = 5 })
		local b, s = hb:percentile(50), hs:percentile(50)
		t:perf("batch speed-up", { speedup = b > 0 and s / b or 0 })
		t:log("median of 100 calls: batched %d us, one by one %d us (%.1fx)", b, s, b > 0 and s / b or 0)
	end,
}
