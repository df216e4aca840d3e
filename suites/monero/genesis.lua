local xmr = require "monero"

local function case(v, name)
	for _, c in ipairs(v.cases) do if c.name == name then return c end end
end

scenario {
	id = "xmr.chain.genesis-hash",
	title = "The block at height 0 is the genesis of the vector (regtest reuses mainnet's) and its id recomputes",
	family = "monero",
	roadmap = { "INTEG-01", "CRYPTO-01", "IOP-01" },
	vectors = { "monero-genesis" },
	run = function(t)
		local p = t.node.params
		local c = case(t:vector(p.genesis_vector or "monero-genesis"), p.genesis_case or "mainnet")
		t:need(c ~= nil, "the vector has the case")
		local h = xmr.header(t.node, 0)
		t:eq(h.hash, c.expected.hash, "genesis hash")
		t:eq(h.miner_tx_hash, c.expected.miner_tx_hash, "miner transaction hash")
		t:eq(h.major_version, c.input.major_version, "major version")
		t:eq(h.minor_version, c.input.minor_version, "minor version")
		t:eq(h.timestamp, c.input.timestamp, "timestamp")
		t:eq(h.nonce, c.input.nonce, "nonce")
		t:eq(h.prev_hash, c.input.prev_hash, "prev_hash")
		local id, miner = xmr.genesis_id(c.input)
		t:eq(id, c.expected.hash, "Keccak-256 block id recomputed by the suite")
		t:eq(miner, c.expected.miner_tx_hash, "Keccak-256 of the miner transaction")
		t:eq(t.node:info().genesis_hash, c.expected.hash, "info().genesis_hash")
		local b = t.node:call("get_block", { height = 0 })
		t:eq(b.blob:sub(1, 2 * (3 + 32 + 4)), xmr.hex(xmr.varint(1) .. xmr.varint(0) .. xmr.varint(0)) .. c.input.prev_hash
			.. xmr.hex(string.pack("<I4", c.input.nonce)), "the block blob starts with the header fields")
	end,
}
