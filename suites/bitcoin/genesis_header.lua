-- The genesis header fields and its 80 serialized bytes match the chain parameters; its id is
-- SHA256d of those bytes, shown reversed.
local btc = require "btc"

local function case(v, name)
	for _, c in ipairs(v.cases) do if c.name == name then return c end end
end

scenario {
	id = "btc.chain.genesis-header",
	title = "The genesis header matches the vector field by field and hashes (SHA256d, reversed) to its id",
	family = "bitcoin",
	roadmap = { "INTEG-01", "CRYPTO-02", "DATA-06" },
	vectors = { "bitcoin-genesis", "litecoin-genesis" },
	run = function(t)
		local p = t.node.params
		if not p.genesis_vector then t:skip("target params.genesis_vector is not set") end
		local c = case(t:vector(p.genesis_vector), p.genesis_case or p.network)
		t:need(c ~= nil, "the vector has a case for the target's network")
		local hash = t.node:call("getblockhash", { 0 })
		local hdr = t.node:call("getblockheader", { hash, true })
		t:shape(hdr, { hash = "hex64", height = "integer", version = "integer", merkleroot = "hex64",
			time = "integer", nonce = "integer", bits = "string", confirmations = "integer" },
			"getblockheader carries the documented header fields with their types")
		t:eq(hdr.merkleroot, c.input.merkleroot, "merkleroot")
		t:eq(hdr.time, c.input.time, "time")
		t:eq(hdr.bits, c.input.bits, "bits")
		t:eq(hdr.nonce, c.input.nonce, "nonce")
		t:eq(hdr.version, c.input.version, "version")
		t:eq(hdr.height, 0, "height")
		t:eq(hdr.previousblockhash, nil, "the genesis header names no previous block")
		local raw = t.node:call("getblockheader", { hash, false })
		if c.expected.header then t:eq(raw, c.expected.header, "serialized header") end
		t:eq(#raw, 160, "the header is 80 bytes")
		t:eq(btc.hash_hex(dlt.sha256d(btc.unhex(raw))), hash, "SHA256d of the header, reversed, is the block id")
	end,
}
