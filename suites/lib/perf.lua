-- perf.lua: helpers of the performance scenarios (suites/perf; docs/performance.md, "Ledger
-- performance"): the read call of each family, closed-loop timing into a histogram, the
-- highest open-loop rate a node holds, and funding a wallet for submissions.
local M = {}

-- the cheapest read call of a family, as node:load sends it
local READ = {
	ethereum = { method = "eth_blockNumber", params = {} },
	bitcoin = { method = "getblockcount", params = {} },
	monero = { method = "get_block_count", params = dlt.object {}, path = "/json_rpc" },
}

function M.read_call(node)
	return READ[node.family]
end

-- Time fn() n times (closed loop: one after the other) into a new histogram, in
-- microseconds; returns the histogram and the values fn returned the last time.
function M.time_each(n, fn)
	local h = dlt.histogram()
	local last
	for i = 1, n do
		local t0 = dlt.now()
		last = fn(i)
		h:record((dlt.now() - t0) * 1e6)
	end
	return h, last
end

-- The highest of the rates held for step seconds each with errors at most max_error (a
-- fraction) and the sender keeping up (offered rate at least 90% of the rate asked); stops at
-- the first rate that is not held. Returns the highest held (0 when none) and every step.
function M.highest_rate(node, call, rates, step, max_error)
	local held, steps = 0, {}
	for _, rate in ipairs(rates) do
		local r = node:load { method = call.method, params = call.params, path = call.path,
			rate = rate, duration = step }
		steps[#steps + 1] = r
		local err = r.sent > 0 and r.errors / r.sent or 1
		if err > max_error or r.offered_rate < 0.9 * rate then break end
		held = rate
	end
	return held, steps
end

-- Make sure the wallet can pay: mine the family's fund_blocks when a first transfer is
-- refused (as common.wallet.transfer-exact does). Returns a sender address with funds, or
-- nil and the error.
function M.funded_sender(t, amount)
	local node, p = t.node, t.node.params
	local sender = node:new_address()
	local fund, err = node:transfer { to = sender, amount = amount }
	if fund == nil and (p.fund_blocks or 0) > 0 then
		node:produce_blocks(p.fund_blocks)
		fund, err = node:transfer { to = sender, amount = amount }
	end
	if fund == nil then return nil, err end
	node:produce_blocks(p.spend_confirmations or 1)
	return sender
end

return M
