-- PERF-01: latency of a read call (the family's block count), measured open-loop: requests go
-- out at a fixed rate, then at a rate rising linearly, whatever the node answers, and each
-- latency counts from the time its request was due (no coordinated omission). Then the
-- highest rate the node holds with under 1% errors, in short steps. Bounded: about 700
-- requests and 4 s per target.
local perf = require "perf"
scenario {
	id = "perf.read.latency",
	title = "read-call latency: fixed rate, ramp, highest rate held (open loop)",
	family = "any",
	roadmap = { "PERF-01" },
	timeout = 60,
	run = function(t)
		local node = t.node
		local call = perf.read_call(node)
		if not call then t:skip("no read call known for family " .. tostring(node.family)) end
		local fixed = node:load { method = call.method, params = call.params, path = call.path,
			rate = 50, duration = 1 }
		t:perf("read, fixed 50/s", fixed)
		t:eq(fixed.errors, 0, "every read at 50/s answered without error", fixed.first_error)
		t:eq(fixed.sent, 50, "50 reads sent in 1 s")
		local ramp = node:load { method = call.method, params = call.params, path = call.path,
			rate = 20, ramp_to = 200, duration = 1 }
		t:perf("read, ramp 20-200/s", ramp)
		t:ok(ramp.ok > 0, "reads answered under a rising rate", ramp.first_error)
		local held, steps = perf.highest_rate(node, call, { 50, 100, 200, 400 }, 0.5, 0.01)
		for _, s in ipairs(steps) do t:perf(("read, step %d/s"):format(math.floor(s.rate)), s) end
		t:perf("read, highest rate held", { rate = held, max_error = 0.01, step_s = 0.5 })
		t:log("p50 %d us, p99 %d us at 50/s; highest rate held %d/s", fixed.p50_us, fixed.p99_us, held)
	end,
}
