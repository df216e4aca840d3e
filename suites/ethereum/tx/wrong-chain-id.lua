-- A transaction signed for another chain id (EIP-155 legacy and EIP-1559) must be rejected: no
-- hash returned, nothing retrievable, the nonce unchanged.
local eth = require "eth"

scenario {
	id = "eth.tx.wrong-chain-id",
	title = "Transactions signed for another chain id are rejected",
	family = "ethereum",
	roadmap = { "SEC-01", "NODE-12" },
	vectors = { "eip155-example", "eip1559" },
	timeout = 60,
	run = function(t)
		local node = t.node
		-- the signers reproduce the specifications' examples before they sign for a wrong chain
		eth.check_signer(t, 0)
		eth.check_signer(t, 2)
		local acct = eth.sender(t, node)
		local chain = eth.chain_id(node)
		local n0 = eth.nonce(node, acct.address, "pending")
		for _, kind in ipairs({ 0, 2 }) do
			local label = kind == 0 and "legacy (EIP-155)" or "EIP-1559"
			local to = eth.fresh_address("wrong-chain")
			local p = eth.prepare(node, { type = kind, key = acct.key, to = to, value = 1, nonce = n0, chain_id = chain + 1 }, t)
			local signed = eth.sign(p)
			local hash, err = eth.send_raw(node, signed.raw)
			t:ok(err ~= nil, label .. " for chain id " .. (chain + 1) .. " is rejected with an error",
				hash and ("answered " .. eth.show(hash)) or nil)
			if err then eth.check_error_object(t, err, label) t:log("%s rejected with %s", label, eth.show(err)) end
			-- a node that wrongly took it gets a block to (not) include it in
			if err == nil and node:has("mine") then node:produce_blocks(1) end
			local tx = node:rpc("eth_getTransactionByHash", { signed.hash })
			t:eq(tx == nil and "an error" or tx, dlt.null, label .. ": the transaction is not retrievable")
			t:eq(eth.balance(node, to), dlt.u256(0), label .. ": the recipient received nothing")
		end
		t:eq(eth.nonce(node, acct.address, "pending"), n0, "the sender's pending nonce is unchanged")
		-- EIP-155's own example is signed for chain id 1
		local ex = t:vector("eip155-example").cases[1]
		if chain ~= 1 then
			local hash, err = eth.send_raw(node, ex.expected.raw)
			t:ok(err ~= nil, "the EIP-155 example (chain id 1) is rejected on chain " .. chain,
				hash and ("answered " .. eth.show(hash)) or nil)
			if err then eth.check_error_object(t, err, "EIP-155 example") t:log("EIP-155 example rejected with %s", eth.show(err)) end
			local tx = node:rpc("eth_getTransactionByHash", { ex.expected.hash })
			t:eq(tx == nil and "an error" or tx, dlt.null, "the EIP-155 example is not retrievable")
		end
	end,
}
