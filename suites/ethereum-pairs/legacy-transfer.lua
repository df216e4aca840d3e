-- A legacy (EIP-155) value transfer with the same gas price on both implementations: same
-- receipt, and the same resulting state: the recipient's balance, the sender's nonce step and
-- the sender's balance delta (value + gasUsed * gasPrice; a legacy transaction pays exactly its
-- gas price, EIP-1559 "legacy transactions": effective price = gasPrice) (IOP-03, IOP-04).
local eth = require "eth"
local pair = require "pair"

scenario {
	id = "eth.pair.legacy-transfer",
	title = "A legacy transfer gives the same receipt and the same balance and nonce changes on both",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-03", "IOP-04", "TX-01", "PAY-01" },
	timeout = 240,
	run = function(t)
		eth.check_signer(t, 0)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local to = eth.fresh_address("pair-legacy")
		local value = dlt.u256("1000000000000007")
		local before = pair.each(t, function(node, side)
			return { from = eth.balance(node, ctx.address[side]), to = eth.balance(node, to),
				nonce = eth.nonce(node, ctx.address[side]) }
		end)
		local s = pair.sign(ctx, { type = 0, to = to, value = value, gas = 21000, gas_price = f.gas_price })
		local sub = pair.submit(t, pair.raws(s), "legacy transfer")
		local delta = pair.each(t, function(node, side)
			local r = sub.receipt[side]
			pair.check_receipt(t, node, r, sub.hash[side], 0, "legacy transfer")
			t:eq(eth.u(r.effectiveGasPrice), f.gas_price, "effectiveGasPrice of a legacy transaction is its gasPrice")
			local from1 = eth.balance(node, ctx.address[side])
			local to1 = eth.balance(node, to)
			local n1 = eth.nonce(node, ctx.address[side])
			t:eq(before[side].from - from1, value + eth.u(r.gasUsed) * f.gas_price,
				"sender balance fell by value + gasUsed * gasPrice")
			t:eq(to1 - before[side].to, value, "recipient balance rose by the value")
			t:eq(n1, before[side].nonce + 1, "sender nonce rose by one")
			return { sender = tostring(before[side].from - from1), recipient = tostring(to1 - before[side].to),
				nonce = n1 - before[side].nonce }
		end)
		if ctx.mode == "same" then t:same(sub.hash.a, sub.hash.b, "transaction hash") end
		t:same(pair.receipt_core(sub.receipt.a), pair.receipt_core(sub.receipt.b), "receipt (status, gasUsed, type, from, to, logs, contractAddress)")
		t:same(delta.a, delta.b, "state changes (sender balance delta, recipient balance delta, nonce step)")
	end,
}
