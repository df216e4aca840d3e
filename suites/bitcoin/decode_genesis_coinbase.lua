-- decoderawtransaction of the genesis coinbases of Bitcoin and Litecoin (chainparams): every
-- Bitcoin Core fork must decode both the same way, whatever its own network.
local btc = require "btc"

local function case(v, name)
	for _, c in ipairs(v.cases) do if c.name == name then return c end end
end

scenario {
	id = "btc.tx.decode-genesis-coinbase",
	title = "decoderawtransaction of the Bitcoin and Litecoin genesis coinbases gives their txids and fields",
	family = "bitcoin",
	roadmap = { "IOP-07", "CRYPTO-02", "PAY-07" },
	vectors = { "bitcoin-genesis", "litecoin-genesis" },
	run = function(t)
		for _, vid in ipairs({ "bitcoin-genesis", "litecoin-genesis" }) do
			local c = case(t:vector(vid), "coinbase")
			local raw = c.expected.raw
			local d, err = btc.call_exact(t.node, "decoderawtransaction", { raw })
			t:need(d ~= nil, vid .. ": decoderawtransaction answers", err)
			t:eq(d.txid, c.expected.txid, vid .. ": txid")
			t:eq(btc.hash_hex(dlt.sha256d(btc.unhex(raw))), c.expected.txid, vid .. ": txid = SHA256d(raw), reversed")
			t:eq(d.hash, c.expected.txid, vid .. ": hash (no witness: equals txid)")
			t:eq(d.version, 1, vid .. ": version")
			t:eq(d.locktime, 0, vid .. ": locktime")
			t:eq(d.size, #raw // 2, vid .. ": size")
			t:eq(#d.vin, 1, vid .. ": one input")
			t:ok(d.vin[1].coinbase ~= nil, vid .. ": the input is a coinbase", d.vin[1])
			t:eq(d.vin[1].sequence, 4294967295, vid .. ": sequence")
			t:eq(#d.vout, 1, vid .. ": one output")
			t:eq(btc.sats(d.vout[1].value), c.input.reward, vid .. ": output value in base units (exact)")
			t:eq(d.vout[1].scriptPubKey.hex, "41" .. c.input.output_pubkey .. "ac", vid .. ": pay-to-pubkey script")
			t:eq(d.vout[1].scriptPubKey.type, "pubkey", vid .. ": script type")
			-- the coinbase script carries the timestamp text
			local text = c.input.psz_timestamp
			t:ok(btc.unhex(d.vin[1].coinbase):find(text, 1, true) ~= nil, vid .. ": coinbase script holds pszTimestamp")
		end
	end,
}
