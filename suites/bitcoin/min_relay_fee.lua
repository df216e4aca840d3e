-- A transaction paying less than the minimum relay fee is refused with the documented reason.
local btc = require "btc"

scenario {
	id = "btc.tx.min-relay-fee",
	title = "A zero-fee and a below-minimum-fee spend are refused (min relay fee not met, -26)",
	family = "bitcoin",
	roadmap = { "PAY-08", "NODE-12" },
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		local key = btc.key("min-relay-fee")
		local utxo = btc.fund_key(t, t.node, key, btc.COIN, true)
		local dest = btc.key("min-relay-dest")
		local zero = btc.sign({ inputs = { utxo }, outputs = { { value = btc.COIN, spk = dest.spk } } })
		local r = t.node:call("testmempoolaccept", { { zero.hex } })[1]
		t:eq(r.allowed, false, "zero fee is refused")
		t:match(r["reject-reason"] or "", "min relay fee not met", "reject reason")
		local relay = btc.sats(btc.call_exact(t.node, "getnetworkinfo", {}).relayfee) -- per 1000 vbytes
		local low = btc.sign({ inputs = { utxo }, outputs = { { value = btc.COIN - 1, spk = dest.spk } } })
		t:ok(1 * 1000 < relay * low.vsize, "a 1-unit fee is below relayfee x vsize", relay)
		local _, err = t.node:rpc("sendrawtransaction", { low.hex })
		t:ok(err ~= nil, "a 1-unit fee is refused")
		if err then
			t:eq(err.code, -26, "RPC_VERIFY_REJECTED")
			t:match(err.message, "min relay fee not met", "message")
		end
		local fee = (relay * low.vsize + 999) // 1000 * 2
		local ok = btc.sign({ inputs = { utxo }, outputs = { { value = btc.COIN - fee, spk = dest.spk } } })
		t:eq(t.node:call("testmempoolaccept", { { ok.hex } })[1].allowed, true, "twice the minimum is accepted")
	end,
}
