-- Resubmitting a transaction already in the chain neither re-executes it nor changes outputs.
local btc = require "btc"

scenario {
	id = "btc.tx.resubmit-included",
	title = "sendrawtransaction of an already mined transaction is refused (-27) and changes nothing",
	family = "bitcoin",
	roadmap = { "SEC-02" },
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		local key = btc.key("resubmit")
		local utxo = btc.fund_key(t, t.node, key, btc.COIN, true)
		local dest = btc.key("resubmit-dest")
		local s = btc.sign({ inputs = { utxo }, outputs = { { value = btc.COIN - 20000, spk = dest.spk } } })
		t:eq(t.node:call("sendrawtransaction", { s.hex }), s.txid, "accepted once")
		t.node:produce_blocks(1)
		local before = btc.call_exact(t.node, "gettxout", { s.txid, 0 })
		local _, err = t.node:rpc("sendrawtransaction", { s.hex })
		t:ok(err ~= nil, "the second submission is refused")
		if err then t:eq(err.code, -27, "RPC_VERIFY_ALREADY_IN_CHAIN") end
		t.node:produce_blocks(1)
		local after = btc.call_exact(t.node, "gettxout", { s.txid, 0 })
		t:eq(after.value, before.value, "the output is unchanged")
		t:eq(after.confirmations, before.confirmations + 1, "and one block deeper")
	end,
}
