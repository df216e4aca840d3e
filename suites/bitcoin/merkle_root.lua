-- The merkle root in a header commits to the txids the block lists (the BIP-141 commitment
-- aside: the header root is over txids, not wtxids).
local btc = require "btc"
local canon = require "canon"

local function merkle(txids)
	local level = {}
	for i, id in ipairs(txids) do level[i] = btc.hash_bytes(id) end
	while #level > 1 do
		if #level % 2 == 1 then level[#level + 1] = level[#level] end
		local up = {}
		for i = 1, #level, 2 do up[#up + 1] = dlt.sha256d(level[i] .. level[i + 1]) end
		level = up
	end
	return btc.hash_hex(level[1])
end

scenario {
	id = "btc.chain.merkle-root",
	title = "A block with several transactions has the merkle root of its txids",
	family = "bitcoin",
	roadmap = { "INTEG-06", "CRYPTO-02" },
	vectors = { "bitcoin-genesis", "litecoin-genesis" },
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		-- the genesis block: one transaction, whose txid is the merkle root (the vector's)
		local g = canon.btc_genesis(t, t.node)
		local gb = t.node:call("getblock", { t.node:call("getblockhash", { 0 }), 1 })
		t:eq(gb.merkleroot, g.input.merkleroot, "the genesis merkle root is the chain's canonical one")
		t:eq(merkle(gb.tx), g.input.merkleroot, "merkle root recomputed from the genesis txids")
		btc.ensure_funds(t, t.node, 3 * btc.COIN)
		for _ = 1, 4 do t.node:call("sendtoaddress", { t.node:new_address(), "0.10000000" }) end
		local hash = t.node:produce_blocks(1)[1]
		local b = t.node:call("getblock", { hash, 1 })
		t:ok(#b.tx >= 5, "the block holds the coinbase and four payments", #b.tx)
		t:eq(merkle(b.tx), b.merkleroot, "merkle root recomputed from the txids")
		t:eq(t.node:block(hash).txids, b.tx, "block().txids lists the same transactions")
	end,
}
