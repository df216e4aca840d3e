-- Every block's parentHash is the hash of the block one below it, and its number is one more,
-- over the last (up to) 32 blocks down to genesis. Each block's hash is also recomputed from its
-- header fields (keccak256 of the RLP header, the rule vector eth-blocks proves on the
-- execution-apis fixture chain from genesis to Prague): the hash a node reports must be the hash
-- of the header it reports. When the chain is shorter than 4 blocks the scenario asks the node
-- for blocks (node:produce_blocks) first.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.block.linkage",
	title = "Each block's parentHash is the hash of the block below it, down to genesis",
	family = "ethereum",
	roadmap = { "INTEG-02", "TERM-04", "CRYPTO-01", "DATA-03" },
	vectors = { "eth-blocks" },
	timeout = 60,
	run = function(t)
		local node = t.node
		canon.eth_header_hash(t)
		local function own_hash(b, n)
			t:ok(eth.PRIM.hash32(b.hash) and eth.PRIM.hash32(b.parentHash) and eth.PRIM.address(b.miner),
				string.format("block %d: hash and parentHash are 32 bytes, miner 20", n),
				{ hash = b.hash, parentHash = b.parentHash, miner = b.miner })
			t:eq(eth.header_hash(b).hash, b.hash, string.format("block %d: hash = keccak256(rlp(header))", n))
		end
		local head = node:height()
		if head < 3 and node:has("mine") then
			node:produce_blocks(3 - head)
			head = node:height()
		end
		if head < 1 then t:inconclusive("the chain has only its genesis block and the target cannot mine") end
		local low = math.max(0, head - 31)
		local above = eth.block(node, head)
		t:need(type(above) == "table", "block " .. head .. " exists")
		own_hash(above, head)
		for n = head - 1, low, -1 do
			local b = eth.block(node, n)
			t:need(type(b) == "table", "block " .. n .. " exists")
			t:eq(b.number, eth.qty(n), "block " .. n .. ": number")
			own_hash(b, n)
			t:eq(above.parentHash, b.hash, string.format("block %d: parentHash is the hash of block %d", n + 1, n))
			above = b
		end
		if low == 0 then t:eq(above.parentHash, eth.ZERO_HASH, "genesis parentHash is zero") end
		t:log("checked blocks %d..%d", low, head)
	end,
}
