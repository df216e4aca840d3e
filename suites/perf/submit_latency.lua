-- PERF-02: latency of transaction submission: the time node:transfer takes to return a
-- transaction id (the node accepted it), five times. The sender's change is spent only after
-- spend_confirmations blocks (bitcoin 1, monero 10), produced between submissions (not timed).
local perf = require "perf"
scenario {
	id = "perf.submit.latency",
	title = "transaction submission latency (five transfers)",
	family = "any",
	roadmap = { "PERF-02" },
	requires = { "wallet", "mine" },
	timeout = 300,
	run = function(t)
		local node, p = t.node, t.node.params
		local unit = dlt.u256(p.transfer_amount or "1000000")
		local sender, err = perf.funded_sender(t, unit * 20)
		t:need(sender ~= nil, "the sender is funded", err)
		local receiver = node:new_address()
		local h, accepted, last_err = dlt.histogram(), 0, nil
		for i = 1, 5 do
			local t0 = dlt.now()
			local txid, e = node:transfer { from = sender, to = receiver, amount = unit + i }
			local took = (dlt.now() - t0) * 1e6
			if txid then
				h:record(took)
				accepted = accepted + 1
			else
				last_err = e
			end
			-- the sender's change is spendable after spend_confirmations blocks (not timed)
			node:produce_blocks(p.spend_confirmations or 1)
		end
		t:eq(accepted, 5, "five transfers accepted", last_err)
		t:perf("submission", { histogram = h, submissions = 5, accepted = accepted })
		t:log("submission p50 %d us, max %d us", h:percentile(50), h:summary().max_us)
	end,
}
