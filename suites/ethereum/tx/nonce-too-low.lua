-- A new transaction (different content) that reuses a nonce the sender already spent must be
-- rejected, and nothing reaches its recipient.
local eth = require "eth"

scenario {
	id = "eth.tx.nonce-too-low",
	title = "A transaction with a nonce below the account's nonce is rejected",
	family = "ethereum",
	roadmap = { "TX-09", "SEC-02", "NODE-12" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local n = eth.nonce(node, acct.address, "latest")
		if n == 0 then
			eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("nonce-setup"), value = 1 })
			n = eth.nonce(node, acct.address, "latest")
		end
		t:need(n >= 1, "the sender has spent at least one nonce")
		for _, kind in ipairs({ 0, 2 }) do
			local label = (kind == 0 and "legacy" or "EIP-1559") .. " with nonce " .. (n - 1)
			local to = eth.fresh_address("nonce-low")
			local p = eth.prepare(node, { type = kind, key = acct.key, to = to, value = 777, nonce = n - 1 }, t)
			local signed = eth.sign(p)
			local hash, err = eth.send_raw(node, signed.raw)
			t:ok(err ~= nil, label .. " is rejected with an error", hash and ("answered " .. eth.show(hash)) or nil)
			if err then eth.check_error_object(t, err, label) t:log("%s rejected with %s", label, eth.show(err)) end
			if node:has("mine") then node:produce_blocks(1) end
			t:eq(eth.balance(node, to), dlt.u256(0), label .. ": the recipient received nothing")
			local tx = node:rpc("eth_getTransactionByHash", { signed.hash })
			t:eq(tx == nil and "an error" or tx, dlt.null, label .. ": the transaction is not retrievable")
		end
		t:eq(eth.nonce(node, acct.address, "latest"), n, "the sender's nonce is unchanged")
	end,
}
