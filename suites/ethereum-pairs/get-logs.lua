-- eth_getLogs returns the same events for the same transactions on both implementations
-- (TX-07, IOP-03): a counter contract is created and called twice; logs are then queried by
-- address and block range, by topic, by the including block's hash (EIP-234), and with a topic
-- nobody logged (an empty array). Compared: the logs' topics, data and removed flag, their
-- order and count, and in "same" mode their address. Block numbers, hashes and absolute log
-- indexes are each chain's own and only checked on each side (they name the receipt's block).
local eth = require "eth"
local evm = require "evm"
local pair = require "pair"

scenario {
	id = "eth.pair.get-logs",
	title = "eth_getLogs by address, topic and block hash gives the same events on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "TX-07", "IOP-03", "PROV-04" },
	timeout = 300,
	run = function(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local c = pair.counter(eth.keccak_str("dlt-interop/pair/logs/" .. tostring(dlt.now())))
		local d = pair.sign(ctx, { type = 2, to = nil, value = 0, gas = 200000, data = evm.hex(c.init),
			max_fee = f.max_fee, tip = f.tip })
		local addr = { a = pair.create_address(ctx, d, "a"), b = pair.create_address(ctx, d, "b") }
		local list = { pair.raws(d) }
		for i = 1, 2 do
			list[#list + 1] = pair.raws(pair.sign_each(ctx, { type = 2, value = 0, gas = 100000, data = "0x",
				max_fee = f.max_fee, tip = f.tip }, i, { a = { to = addr.a }, b = { to = addr.b } }))
		end
		local subs = pair.submit_all(t, list, "deploy + 2 calls")
		local no_addr = ctx.mode ~= "same"
		local got = pair.each(t, function(node, side)
			local from = subs[1].receipt[side].blockNumber
			local by_addr = node:call("eth_getLogs", { { address = addr[side], fromBlock = from, toBlock = "latest" } })
			local by_topic = node:call("eth_getLogs", { { topics = { c.topic }, fromBlock = from, toBlock = "latest" } })
			local r2 = subs[2].receipt[side]
			local by_hash = node:call("eth_getLogs", { { blockHash = r2.blockHash, address = addr[side] } })
			local none = node:call("eth_getLogs", { { topics = { eth.keccak_str("nobody logged this " .. tostring(dlt.now())) },
				fromBlock = from, toBlock = "latest" } })
			t:ok(eth.is_array(by_addr) and #by_addr == 2, "by address: two logs", eth.show(by_addr))
			t:ok(eth.is_array(by_topic) and #by_topic == 2, "by topic: two logs", eth.show(by_topic))
			t:ok(eth.is_array(none) and #none == 0, "an unlogged topic: an empty array", eth.show(none))
			t:ok(eth.is_array(by_hash) and #by_hash >= 1, "by block hash: the block's logs", eth.show(by_hash))
			local out = dlt.object({ by_address = dlt.array({}), by_topic = dlt.array({}), none = none })
			for i, l in ipairs(eth.is_array(by_addr) and by_addr or {}) do
				t:eq(eth.lower(l.address), addr[side], "log " .. (i - 1) .. " address")
				t:eq(l.transactionHash, subs[i + 1].hash[side], "log " .. (i - 1) .. " names its transaction")
				t:eq(l.blockHash, subs[i + 1].receipt[side].blockHash, "log " .. (i - 1) .. " names its block")
				out.by_address[i] = pair.log_core(l, no_addr)
			end
			for i, l in ipairs(eth.is_array(by_topic) and by_topic or {}) do out.by_topic[i] = pair.log_core(l, no_addr) end
			if eth.is_array(by_hash) then
				for _, l in ipairs(by_hash) do t:eq(l.blockHash, r2.blockHash, "by block hash: log of that block") end
			end
			return out
		end)
		t:same(got.a, got.b, "logs (topics, data, removed" .. (no_addr and ")" or ", address)"))
	end,
}
