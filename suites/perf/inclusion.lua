-- PERF-03: time from submission to inclusion with on-demand blocks (a block is produced right
-- after the submission), and to 3 confirmations (two more blocks), three times each.
local perf = require "perf"
local CONFIRMATIONS = 3
scenario {
	id = "perf.tx.inclusion",
	title = "submission to inclusion and to 3 confirmations, blocks on demand",
	family = "any",
	roadmap = { "PERF-03" },
	requires = { "wallet", "mine" },
	timeout = 300,
	run = function(t)
		local node, p = t.node, t.node.params
		local unit = dlt.u256(p.transfer_amount or "1000000")
		local sender, err = perf.funded_sender(t, unit * 20)
		t:need(sender ~= nil, "the sender is funded", err)
		local receiver = node:new_address()
		local incl, conf = dlt.histogram(), dlt.histogram()
		local included = 0
		for i = 1, 3 do
			local t0 = dlt.now()
			local txid, e = node:transfer { from = sender, to = receiver, amount = unit + i }
			t:need(txid ~= nil, "transfer " .. i .. " accepted", e)
			node:produce_blocks(1)
			local st = t:wait_until(function()
				local s = node:tx_status(txid)
				return s.state == "confirmed" and s
			end, 30, "transfer " .. i .. " included")
			if st then
				incl:record((dlt.now() - t0) * 1e6)
				included = included + 1
				node:produce_blocks(CONFIRMATIONS - 1)
				local c = t:wait_until(function()
					local s = node:tx_status(txid)
					return (s.confirmations or 0) >= CONFIRMATIONS and s
				end, 30, "transfer " .. i .. " has " .. CONFIRMATIONS .. " confirmations")
				if c then conf:record((dlt.now() - t0) * 1e6) end
			end
			-- monero spends change only after spend_confirmations blocks (not timed)
			if (p.spend_confirmations or 1) > CONFIRMATIONS then
				node:produce_blocks(p.spend_confirmations - CONFIRMATIONS)
			end
		end
		t:eq(included, 3, "three transfers included")
		t:perf("submission to inclusion", { histogram = incl, transfers = 3 })
		t:perf("submission to 3 confirmations", { histogram = conf, transfers = 3,
			confirmations = CONFIRMATIONS })
	end,
}
