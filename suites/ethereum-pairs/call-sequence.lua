-- The same deployment and call sequence on both implementations gives the same eth_call results
-- and logs (IOP-13, TX-06, IOP-03): a counter contract is created, called twice by
-- transactions (each call adds 1 to slot 0, logs and returns the new value), then read with
-- eth_call. Compared: the transactions' logs (data = 1 and 2), eth_call at "latest" (3: a
-- call executes without changing state), the storage slot (2), eth_call of init code without
-- "to" (returns the runtime code), and eth_call with explicit from/gas/value.
-- eth_call at a past block number is not compared: how many of the three transactions a block
-- holds differs between chains that mine one block per transaction and chains that mine on a
-- timer.
local eth = require "eth"
local evm = require "evm"
local pair = require "pair"

scenario {
	id = "eth.pair.call-sequence",
	title = "A deployment and two calls give the same eth_call results, logs and storage on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-13", "IOP-03", "TX-06" },
	timeout = 300,
	run = function(t)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local c = pair.counter(eth.keccak_str("dlt-interop/pair/counter/" .. tostring(dlt.now())))
		local d = pair.sign(ctx, { type = 2, to = nil, value = 0, gas = 200000, data = evm.hex(c.init),
			max_fee = f.max_fee, tip = f.tip })
		local addr = { a = pair.create_address(ctx, d, "a"), b = pair.create_address(ctx, d, "b") }
		local calls = {}
		for i = 1, 2 do
			calls[i] = pair.sign_each(ctx, { type = 2, value = 0, gas = 100000, data = "0x",
				max_fee = f.max_fee, tip = f.tip }, i, { a = { to = addr.a }, b = { to = addr.b } })
		end
		local subs = pair.submit_all(t, { pair.raws(d), pair.raws(calls[1]), pair.raws(calls[2]) }, "deploy + 2 calls")
		local got = pair.each(t, function(node, side)
			t:eq(subs[1].receipt[side].status, "0x1", "creation succeeded")
			t:eq(eth.lower(subs[1].receipt[side].contractAddress), addr[side], "contract at CREATE(sender, nonce)")
			local out = { logs = dlt.array({}), status = dlt.array({}) }
			for i = 2, 3 do
				local r = subs[i].receipt[side]
				pair.check_receipt(t, node, r, subs[i].hash[side], 2, "call " .. (i - 1))
				t:eq(r.status, "0x1", "call " .. (i - 1) .. " succeeded")
				local l = eth.is_array(r.logs) and r.logs[1] or nil
				t:ok(l ~= nil, "call " .. (i - 1) .. " logged", eth.show(r.logs))
				if l then
					t:eq(eth.u(l.data), dlt.u256(i - 1), "call " .. (i - 1) .. " logged the new counter value")
					out.logs[#out.logs + 1] = pair.log_core(l, true)
				end
				out.status[#out.status + 1] = r.status
				out["gasUsed" .. (i - 1)] = r.gasUsed
			end
			local latest = node:call("eth_call", { { to = addr[side], data = "0x" }, "latest" })
			t:eq(eth.u(latest), dlt.u256(3), "eth_call at latest returns slot 0 + 1 = 3")
			local again = node:call("eth_call", { { to = addr[side], data = "0x" }, "latest" })
			t:eq(again, latest, "eth_call changed no state (same answer twice)")
			local slot = node:call("eth_getStorageAt", { addr[side], "0x0", "latest" })
			t:eq(eth.u(slot), dlt.u256(2), "slot 0 after two calls")
			local init = node:call("eth_call", { { data = evm.hex(c.init) }, "latest" })
			t:eq(eth.lower(init), evm.hex(c.runtime), "eth_call of init code without to returns the runtime code")
			local full = node:call("eth_call", { { from = ctx.address[side], to = addr[side], gas = "0x186a0",
				value = "0x0", data = "0x" }, "latest" })
			t:eq(full, latest, "eth_call with from, gas and value")
			out.call_latest, out.call_init, out.call_full = latest, eth.lower(init), full
			out.slot = pair.storage_value(slot)
			return out
		end)
		t:same(got.a, got.b, "logs, gas used, eth_call results and storage")
	end,
}
