-- A taproot (segwit version 1) output spent by its key path: the suite derives the output key
-- from an internal key (BIP-341 tweak, no script tree), pays it through the node's wallet to
-- its bech32m address, signs the spend with BIP-340 Schnorr over the BIP-341 signature hash
-- (SIGHASH_DEFAULT) with the tweaked key, and the node accepts it with the txid computed here;
-- the same spend with one bit of the signature flipped is refused. Every primitive is proven
-- first on the BIPs' own vectors. Needs a chain where taproot is active (Litecoin and Bitcoin
-- regtest: always).
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.tx.taproot-keypath",
	title = "A BIP-340/341 key-path spend built here is accepted with the local txid; a bad signature is refused",
	family = "bitcoin",
	roadmap = { "CRYPTO-08", "ID-04", "TX-11", "DATA-08" },
	vectors = { "bip340", "bip341" },
	requires = { "mine", "wallet" },
	timeout = 90,
	run = function(t)
		local node = t.node
		canon.taproot(t)
		local hrp = node.params.hrp or t:skip("target params.hrp (bech32 HRP) is missing")
		local priv = dlt.sha256("dlt-interop/taproot-keypath/" .. tostring(dlt.now()))
		local internal = dlt.secp256k1.xonly_pubkey(priv)
		local q = dlt.btc.taproot_output_key(internal)
		local spk = "\x51\x20" .. q
		local addr = dlt.bech32.encode(hrp, 1, q)
		local info = node:call("validateaddress", { addr })
		t:eq(info.isvalid, true, "the node takes the bech32m address of the output key")
		if info.scriptPubKey then t:eq(info.scriptPubKey, btc.hex(spk), "its scriptPubKey is OP_1 <output key>") end
		btc.ensure_funds(t, node, 2 * btc.COIN)
		local amount = 50000000
		local fund = node:call("sendtoaddress", { addr, btc.coins(amount) })
		local ftx = node:call("getrawtransaction", { fund, true })
		local vout
		for _, o in ipairs(ftx.vout) do if o.scriptPubKey.hex == btc.hex(spk) then vout = o.n end end
		t:need(vout ~= nil, "the funding transaction pays the taproot output")
		node:produce_blocks(1)
		local dest = btc.spk_of(node, node:new_address())
		local tx = { version = 2, locktime = 0, vin = { { txid = fund, vout = vout, sequence = 0xfffffffd } },
			vout = { { value = amount - 20000, script_pubkey = dest } } }
		local digest = dlt.btc.sighash_taproot(tx, 0, { { value = amount, script_pubkey = spk } }, 0)
		local sig = dlt.secp256k1.schnorr_sign(digest, dlt.btc.taproot_tweak_seckey(priv))
		t:ok(dlt.secp256k1.schnorr_verify(digest, sig, q), "the signature verifies locally against the output key")
		-- a flipped bit first: it must be refused
		tx.vin[1].witness = { sig:sub(1, 63) .. string.char(sig:byte(64) ~ 1) }
		local bad = btc.hex(dlt.btc.tx_encode(tx))
		local r = node:call("testmempoolaccept", { { bad } })[1]
		t:eq(r.allowed, false, "the spend with a flipped signature bit is refused")
		t:log("flipped signature: %s", tostring(r["reject-reason"]))
		tx.vin[1].witness = { sig }
		local raw = dlt.btc.tx_encode(tx)
		local mine = dlt.btc.tx_decode(raw)
		r = node:call("testmempoolaccept", { { btc.hex(raw) } })[1]
		t:eq(r.allowed, true, "testmempoolaccept allows the key-path spend", r)
		t:eq(r.txid, mine.txid, "testmempoolaccept names the txid computed here")
		t:eq(node:call("sendrawtransaction", { btc.hex(raw) }), mine.txid, "sendrawtransaction returns the txid computed here")
		local d = btc.call_exact(node, "decoderawtransaction", { btc.hex(raw) })
		t:eq({ d.hash, d.vsize, d.weight }, { mine.wtxid, mine.vsize, mine.weight }, "the node's wtxid, vsize and weight")
		node:produce_blocks(1)
		t:eq(node:tx_status(mine.txid).state, "confirmed", "the spend is confirmed")
	end,
}
