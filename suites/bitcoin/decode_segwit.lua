-- A segwit (P2WPKH) transaction built and signed by the suite: the node's decoding agrees with
-- the BIP-141/BIP-144 serialization computed here (marker, flag, witness; txid excludes it).
local btc = require "btc"
local canon = require "canon"

scenario {
	id = "btc.tx.decode-segwit",
	title = "decoderawtransaction of a suite-built segwit transaction: txid, wtxid, weight, vsize, witness",
	family = "bitcoin",
	roadmap = { "DATA-08", "IOP-07", "CRYPTO-07" },
	vectors = { "bip143" },
	run = function(t)
		canon.btc_signer(t)
		-- the BIP's own signed transactions: the node's txid, hash (wtxid), size, weight and vsize
		for _, c in ipairs(t:vector("bip143").cases) do
			if c.input.signed_tx then
				local mine = dlt.btc.tx_decode(btc.unhex(c.input.signed_tx))
				local d, derr = btc.call_exact(t.node, "decoderawtransaction", { c.input.signed_tx })
				t:ok(d ~= nil, c.name .. ": decoderawtransaction answers", derr)
				if d then
					t:eq({ d.txid, d.hash, d.size, d.vsize, d.weight, #d.vin, #d.vout },
						{ mine.txid, mine.wtxid, mine.size, mine.vsize, mine.weight, #mine.vin, #mine.vout },
						c.name .. ": txid, hash (wtxid), size, vsize, weight, inputs and outputs")
					for i, vin in ipairs(mine.vin) do
						local w = {}
						for k, item in ipairs(vin.witness) do w[k] = btc.hex(item) end
						t:eq(d.vin[i].txinwitness or {}, w, c.name .. ": input " .. (i - 1) .. " witness")
					end
				end
			end
		end
		local key = btc.key("decode-segwit")
		local dest = btc.key("decode-segwit-dest")
		local tx = {
			version = 2, locktime = 0,
			inputs = { { txid = string.rep("ab", 32), vout = 1, value = 150000000, key = key, sequence = 0xfffffffd } },
			outputs = { { value = 100000000, spk = dest.spk }, { value = 49990000, spk = key.spk } },
		}
		local s = btc.sign(tx)
		local d, err = btc.call_exact(t.node, "decoderawtransaction", { s.hex })
		t:need(d ~= nil, "decoderawtransaction answers", err)
		t:eq(d.txid, s.txid, "txid (SHA256d of the serialization without witness)")
		t:eq(d.hash, s.wtxid, "hash (wtxid, with witness)")
		t:ne(d.txid, d.hash, "txid and wtxid differ for a witness transaction")
		t:eq(d.size, #s.raw, "size")
		t:eq(d.weight, s.weight, "weight = 3 x base size + total size")
		t:eq(d.vsize, s.vsize, "vsize = ceil(weight / 4)")
		t:eq(d.version, 2, "version")
		t:eq(d.vin[1].txid, tx.inputs[1].txid, "input txid")
		t:eq(d.vin[1].vout, 1, "input index")
		t:eq(d.vin[1].sequence, 0xfffffffd, "sequence")
		t:eq(d.vin[1].scriptSig.hex, "", "empty scriptSig")
		local w = d.vin[1].txinwitness
		t:eq(#w, 2, "two witness items")
		t:eq(w[2], btc.hex(key.pub), "witness: compressed public key")
		t:match(w[1], "^30%x+01$", "witness: DER signature with SIGHASH_ALL")
		t:eq(btc.sats(d.vout[1].value), 100000000, "output 0 value (exact)")
		t:eq(btc.sats(d.vout[2].value), 49990000, "output 1 value (exact)")
		t:eq(d.vout[1].scriptPubKey.hex, btc.hex(dest.spk), "output 0 script")
		t:eq(d.vout[1].scriptPubKey.type, "witness_v0_keyhash", "output 0 type")
		-- the signature verifies against the BIP-143 digest computed here
		local digest = btc.bip143_digest(tx, 1)
		local der = btc.unhex(w[1]):sub(1, -2)
		local ok, verified = pcall(function()
			local rl = der:byte(4)
			local r = der:sub(5, 4 + rl)
			local sl = der:byte(6 + rl)
			local sv = der:sub(7 + rl, 6 + rl + sl)
			-- DER integers may carry a leading zero byte
			r = (#r > 32) and r:sub(-32) or string.rep("\0", 32 - #r) .. r
			sv = (#sv > 32) and sv:sub(-32) or string.rep("\0", 32 - #sv) .. sv
			return dlt.secp256k1.verify(digest, r, sv, key.pub)
		end)
		if ok then
			t:ok(verified, "the signature verifies against the BIP-143 digest")
		else
			t:log("signature check skipped: %s", tostring(verified))
		end
	end,
}
