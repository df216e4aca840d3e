-- A transaction whose value + gas * gasPrice exceeds the sender's balance must be rejected and
-- change no balance. The boundary is checked exactly: a fresh key is funded with
-- 21000 * gasPrice + 1000 wei; sending 1001 wei is refused, sending 1000 wei is accepted and
-- leaves exactly zero. A key that never held funds is refused too.
local eth = require "eth"

scenario {
	id = "eth.tx.insufficient-funds",
	title = "Transfers beyond the balance (value + gas * price) are rejected; the exact balance is accepted",
	family = "ethereum",
	roadmap = { "PAY-05", "SEC-07", "PAY-07", "NODE-12" },
	vectors = { "eip155-example" },
	timeout = 120,
	run = function(t)
		local node = t.node
		eth.check_signer(t, 0)
		local acct = eth.sender(t, node)
		local fees = eth.fees(node, t)
		local gp = fees.gas_price
		local gas_cost = gp * dlt.u256(eth.TRANSFER_GAS)

		-- a key that never held anything
		local empty_key, empty_addr = eth.fresh_key("empty")
		local p = eth.prepare(node, { type = 0, key = empty_key, to = eth.fresh_address("sink"), value = 1, gas_price = gp, nonce = 0 }, t)
		local _, err = eth.send_raw(node, eth.sign(p).raw)
		t:ok(err ~= nil, "a transfer from an account without funds is rejected")
		if err then eth.check_error_object(t, err, "no funds") t:log("no funds: %s", eth.show(err)) end

		-- fund a fresh key with exactly the cost of one transfer of 1000 wei
		local key, addr = eth.fresh_key("funded")
		local funding = gas_cost + dlt.u256(1000)
		eth.transact(t, node, { type = 0, key = acct.key, to = addr, value = funding, gas_price = gp }, "funding")
		t:need(eth.balance(node, addr) == funding, "the fresh key holds 21000 * gasPrice + 1000 wei")

		local sink = eth.fresh_address("sink")
		local over = eth.prepare(node, { type = 0, key = key, to = sink, value = 1001, gas_price = gp, nonce = 0 }, t)
		local over_signed = eth.sign(over)
		local h, err2 = eth.send_raw(node, over_signed.raw)
		t:ok(err2 ~= nil, "value + gas * gasPrice one wei above the balance is rejected", h and ("answered " .. eth.show(h)) or nil)
		if err2 then eth.check_error_object(t, err2, "one wei short") t:log("one wei short: %s", eth.show(err2)) end
		if node:has("mine") then node:produce_blocks(1) end
		t:eq(eth.balance(node, addr), funding, "the rejected transfer changed no balance (sender)")
		t:eq(eth.balance(node, sink), dlt.u256(0), "the rejected transfer changed no balance (recipient)")
		t:eq(eth.nonce(node, addr, "latest"), 0, "the rejected transfer used no nonce")

		if err2 == nil then
			t:inconclusive("the node accepted the over-spending transfer; the exact-balance case cannot follow it")
		end
		local ok = eth.transact(t, node, { type = 0, key = key, to = sink, value = 1000, gas_price = gp, nonce = 0 }, "exact-balance transfer")
		t:eq(ok.receipt.status, "0x1", "the transfer of exactly the balance succeeds")
		t:eq(eth.balance(node, sink), dlt.u256(1000), "the recipient received 1000 wei")
		t:eq(eth.balance(node, addr), dlt.u256(0), "the sender is left with exactly zero")
		t:log("empty key %s, funded key %s, gas price %s", empty_addr, addr, tostring(gp))
	end,
}
