-- Two transactions spending the same output: the second is refused by the mempool while the
-- first waits, refused again once the first is mined, and a block holding it is invalid.
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.tx.double-spend",
	title = "A conflicting spend is refused by the mempool (txn-mempool-conflict), after mining, and in a block",
	family = "bitcoin",
	roadmap = { "SEC-03", "NODE-12", "TX-12" },
	vectors = { "bip143" },
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		canon.btc_signer(t)
		local key = btc.key("double-spend")
		local utxo = btc.fund_key(t, t.node, key, btc.COIN, true)
		local a, b = btc.key("double-spend-a"), btc.key("double-spend-b")
		local first = btc.sign({ inputs = { utxo }, outputs = { { value = btc.COIN - 20000, spk = a.spk } } })
		local second = btc.sign({ inputs = { utxo }, outputs = { { value = btc.COIN - 25000, spk = b.spk } } })
		t:ne(first.txid, second.txid, "two different transactions")
		t:eq(t.node:call("sendrawtransaction", { first.hex }), first.txid, "the first spend is accepted")
		local r = t.node:call("testmempoolaccept", { { second.hex } })[1]
		t:eq(r.allowed, false, "testmempoolaccept refuses the conflicting spend")
		t:eq(r["reject-reason"], "txn-mempool-conflict", "reject reason (no BIP-125 signal)")
		local _, err = t.node:rpc("sendrawtransaction", { second.hex })
		t:ok(err ~= nil, "sendrawtransaction refuses it")
		if err then
			t:eq(err.code, -26, "RPC_VERIFY_REJECTED")
			t:match(err.message, "txn%-mempool%-conflict", "message names the conflict")
		end
		-- mined: the output is gone
		t.node:produce_blocks(1)
		t:eq(t.node:tx_status(first.txid).state, "confirmed", "the first spend is confirmed")
		_, err = t.node:rpc("sendrawtransaction", { second.hex })
		t:ok(err ~= nil, "after mining, the conflicting spend is refused")
		if err then
			t:eq(err.code, -25, "RPC_VERIFY_ERROR (inputs missing or spent)")
			t:match(err.message, "missingorspent", "message")
		end
		-- a block template holding the conflicting spend is invalid
		local res, berr = t.node:rpc("generateblock", { t.node:new_address(), { second.hex } })
		if berr and berr.code == -32601 then
			t:log("generateblock is not available on this node: block-level check skipped")
		else
			t:ok(res == nil, "generateblock with the conflicting spend fails", res)
			if berr then t:match(berr.message, "missingorspent", "the block is invalid for the spent input") end
		end
		t:eq(t.node:tx_status(second.txid).state, "unknown", "the conflicting spend is unknown")
	end,
}
