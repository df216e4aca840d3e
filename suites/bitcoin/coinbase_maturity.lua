-- A coinbase output cannot be spent before it has params.coinbase_maturity confirmations
-- (Bitcoin Core: COINBASE_MATURITY 100): the spend is refused with the tip at h+maturity-2 and
-- accepted from h+maturity-1 on (the spend goes in block h+maturity).
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.coinbase.maturity",
	title = "An immature coinbase is refused (premature spend) until maturity, then accepted and mined",
	family = "bitcoin",
	roadmap = { "INTEG-07", "TX-12", "CRYPTO-06" },
	vectors = { "litecoin-regtest", "bip143" },
	requires = { "mine" },
	timeout = 90,
	run = function(t)
		canon.btc_signer(t)
		local maturity = t.node.params.coinbase_maturity or 100
		local k = canon.btc_constants(t, t.node)
		if k then
			-- the chain's own constant (COINBASE_MATURITY), not only the target's configuration
			t:eq(maturity, k.coinbase_maturity, "params.coinbase_maturity is the chain's COINBASE_MATURITY (litecoin-regtest)")
			maturity = k.coinbase_maturity
		end
		local key = btc.key("coinbase-maturity-" .. tostring(dlt.now()))
		local hash = t.node:produce_blocks(1, btc.address(t.node, key))[1]
		local b = t.node:call("getblock", { hash, 1 })
		local h = b.height
		local cb, err = btc.call_exact(t.node, "getrawtransaction", { b.tx[1], true })
		t:need(cb ~= nil, "the coinbase is retrievable (txindex)", err)
		t:eq(cb.vout[1].scriptPubKey.hex, btc.hex(key.spk), "the coinbase pays the suite's key")
		local value = btc.sats(cb.vout[1].value)
		local dest = btc.key("coinbase-dest")
		local spend = btc.sign({
			inputs = { { txid = cb.txid, vout = 0, value = value, key = key } },
			outputs = { { value = value - 20000, spk = dest.spk } },
		})
		-- tip = h + maturity - 2: one block short
		t.node:produce_blocks(maturity - 2)
		local r = t.node:call("testmempoolaccept", { { spend.hex } })[1]
		t:eq(r.allowed, false, "with " .. (maturity - 1) .. " confirmations the coinbase spend is refused")
		t:eq(r["reject-reason"], "bad-txns-premature-spend-of-coinbase", "reject reason")
		local _, serr = t.node:rpc("sendrawtransaction", { spend.hex })
		t:ok(serr ~= nil, "sendrawtransaction refuses it too")
		if serr then t:eq(serr.code, -26, "RPC_VERIFY_REJECTED") end
		-- one more block: the spend would be in block h + maturity
		t.node:produce_blocks(1)
		t:eq(t.node:call("getblockcount", {}), h + maturity - 1, "tip is h + maturity - 1")
		r = t.node:call("testmempoolaccept", { { spend.hex } })[1]
		t:eq(r.allowed, true, "with " .. maturity .. " confirmations at inclusion the spend is accepted")
		t:eq(r.txid, spend.txid, "testmempoolaccept names the locally computed txid")
		t:eq(t.node:call("sendrawtransaction", { spend.hex }), spend.txid, "sendrawtransaction returns the txid")
		local mined = t.node:produce_blocks(1)[1]
		t:ok(table.concat(t.node:block(mined).txids, ","):find(spend.txid, 1, true) ~= nil, "the spend is mined")
	end,
}
