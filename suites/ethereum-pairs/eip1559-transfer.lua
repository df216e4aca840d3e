-- An EIP-1559 (type 2) value transfer on both implementations: the same receipt; each side
-- charges effectiveGasPrice = min(maxFeePerGas, baseFeePerGas + maxPriorityFeePerGas) of its
-- own block (EIP-1559; the base fee is each chain's own, so fees are compared as a rule, not
-- as values), and the value and nonce changes are the same (IOP-03, IOP-04, PAY-02).
local eth = require "eth"
local pair = require "pair"

scenario {
	id = "eth.pair.eip1559-transfer",
	title = "A type-2 transfer gives the same receipt and value and nonce changes on both; fees follow EIP-1559 on each",
	family = "ethereum",
	roles = { "a", "b" },
	roadmap = { "IOP-03", "IOP-04", "TX-02", "PAY-02" },
	timeout = 240,
	run = function(t)
		eth.check_signer(t, 2)
		local ctx = pair.sender(t)
		local f = pair.fees(t)
		local to = eth.fresh_address("pair-1559")
		local value = dlt.u256("2000000000000011")
		local before = pair.each(t, function(node, side)
			return { from = eth.balance(node, ctx.address[side]), nonce = eth.nonce(node, ctx.address[side]) }
		end)
		local s = pair.sign(ctx, { type = 2, to = to, value = value, gas = 21000, max_fee = f.max_fee, tip = f.tip })
		local sub = pair.submit(t, pair.raws(s), "type-2 transfer")
		local delta = pair.each(t, function(node, side)
			local r = sub.receipt[side]
			pair.check_receipt(t, node, r, sub.hash[side], 2, "type-2 transfer")
			local block = node:call("eth_getBlockByHash", { r.blockHash, false })
			t:need(type(block) == "table" and type(block.baseFeePerGas) == "string", "the including block has a baseFeePerGas")
			local base = eth.u(block.baseFeePerGas)
			local eff = base + f.tip
			if f.max_fee < eff then eff = f.max_fee end
			t:eq(eth.u(r.effectiveGasPrice), eff, "effectiveGasPrice = min(maxFeePerGas, baseFeePerGas + maxPriorityFeePerGas)")
			local from1 = eth.balance(node, ctx.address[side])
			t:eq(before[side].from - from1, value + eth.u(r.gasUsed) * eth.u(r.effectiveGasPrice),
				"sender balance fell by value + gasUsed * effectiveGasPrice")
			local n1 = eth.nonce(node, ctx.address[side])
			t:eq(n1, before[side].nonce + 1, "sender nonce rose by one")
			return { recipient = tostring(eth.balance(node, to)), nonce = n1 - before[side].nonce }
		end)
		if ctx.mode == "same" then t:same(sub.hash.a, sub.hash.b, "transaction hash") end
		t:same(pair.receipt_core(sub.receipt.a), pair.receipt_core(sub.receipt.b), "receipt (status, gasUsed, type, from, to, logs, contractAddress)")
		t:same(delta.a, delta.b, "state changes (recipient balance, nonce step)")
	end,
}
