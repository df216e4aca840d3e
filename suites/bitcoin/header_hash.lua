-- A block id is SHA256d of its 80-byte header, and the header's fields are the JSON ones.
local btc = require "btc"

scenario {
	id = "btc.chain.header-hash",
	title = "Recent block ids are SHA256d of the serialized header; header fields match getblockheader",
	family = "bitcoin",
	roadmap = { "CRYPTO-02", "DATA-06" },
	requires = { "mine" },
	run = function(t)
		t.node:produce_blocks(2)
		local hash = t.node:call("getbestblockhash", {})
		local raw = btc.unhex(t.node:call("getblockheader", { hash, false }))
		local j = t.node:call("getblockheader", { hash, true })
		t:eq(#raw, 80, "80 bytes")
		t:eq(btc.hash_hex(dlt.sha256d(raw)), hash, "SHA256d(header) reversed = block id")
		local version, prev, merkle, time, bits, nonce = string.unpack("<i4c32c32I4I4I4", raw)
		t:eq(version, j.version, "version")
		t:eq(btc.hash_hex(prev), j.previousblockhash, "previous block")
		t:eq(btc.hash_hex(merkle), j.merkleroot, "merkle root")
		t:eq(time, j.time, "time")
		t:eq(string.format("%08x", bits), j.bits, "bits")
		t:eq(nonce, j.nonce, "nonce")
	end,
}
