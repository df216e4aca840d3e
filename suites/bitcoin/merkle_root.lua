-- The merkle root in a header commits to the txids the block lists (the BIP-141 commitment
-- aside: the header root is over txids, not wtxids).
local btc = require "btc"

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
	requires = { "mine", "wallet" },
	timeout = 60,
	run = function(t)
		btc.ensure_funds(t, t.node, 3 * btc.COIN)
		for _ = 1, 4 do t.node:call("sendtoaddress", { t.node:new_address(), "0.10000000" }) end
		local hash = t.node:produce_blocks(1)[1]
		local b = t.node:call("getblock", { hash, 1 })
		t:ok(#b.tx >= 5, "the block holds the coinbase and four payments", #b.tx)
		t:eq(merkle(b.tx), b.merkleroot, "merkle root recomputed from the txids")
		t:eq(t.node:block(hash).txids, b.tx, "block().txids lists the same transactions")
	end,
}
