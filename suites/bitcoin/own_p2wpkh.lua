-- A P2WPKH transaction built and signed by the suite (BIP-143 digest, DER low-s signature) is
-- accepted with the txid computed here, mined, and its output set changes as built.
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.tx.own-p2wpkh-accepted",
	title = "A suite-signed P2WPKH spend passes testmempoolaccept and sendrawtransaction with the local txid, then confirms",
	family = "bitcoin",
	roadmap = { "TX-11", "TX-12", "TX-13", "TX-14", "CRYPTO-06", "CRYPTO-07", "IOP-02", "TERM-03" },
	vectors = { "bip143" },
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		-- the signer and the transaction parser, first on BIP-143's own examples
		canon.btc_signer(t)
		local key = btc.key("own-p2wpkh")
		local utxo = btc.fund_key(t, t.node, key, 2 * btc.COIN, true)
		local dest_addr = t.node:new_address()
		local dest_spk = btc.spk_of(t.node, dest_addr)
		local tx = {
			inputs = { utxo },
			outputs = { { value = 150000000, spk = dest_spk }, { value = 2 * btc.COIN - 150000000 - 30000, spk = key.spk } },
		}
		local s = btc.sign(tx)
		local dec = dlt.btc.tx_decode(s.raw)
		t:eq(dec.txid, s.txid, "the parser's txid (witness excluded) is the signer's")
		t:eq(dec.wtxid, s.wtxid, "the parser's wtxid is the signer's")
		local r = t.node:call("testmempoolaccept", { { s.hex } })[1]
		t:eq(r.allowed, true, "testmempoolaccept allows it", r)
		t:eq(r.txid, s.txid, "testmempoolaccept txid")
		local sent = t.node:call("sendrawtransaction", { s.hex })
		t:eq(sent, s.txid, "sendrawtransaction returns the locally computed txid")
		local entry, err = btc.call_exact(t.node, "getmempoolentry", { s.txid })
		t:need(entry ~= nil, "the transaction is in the mempool", err)
		t:eq(entry.wtxid, s.wtxid, "mempool wtxid")
		t:eq(entry.vsize, s.vsize, "mempool vsize")
		t:eq(btc.sats(entry.fees.base), 30000, "fee = inputs - outputs, exact")
		local bh = t.node:produce_blocks(1)[1]
		local st = t.node:tx_status(s.txid)
		t:eq(st.state, "confirmed", "tx_status confirmed")
		t:eq(st.block, t.node:call("getblock", { bh, 1 }).height, "tx_status block height")
		local got = t.node:call("getrawtransaction", { s.txid, true })
		t:eq(got.blockhash, bh, "getrawtransaction names the block")
		t:eq(got.hex, s.hex, "the node returns the bytes that were sent")
		t:eq(t.node:call("gettxout", { utxo.txid, utxo.vout }), dlt.null, "the funding output is spent")
		local out = btc.call_exact(t.node, "gettxout", { s.txid, 0 })
		t:eq(btc.sats(out.value), 150000000, "the new output holds the amount")
		t:eq(out.confirmations, 1, "one confirmation")
		t:ok((got.confirmations or 0) >= 1, "getrawtransaction reports the included transaction confirmed (confirmations >= 1)",
			got.confirmations)
	end,
}
