-- Every block's parentHash is the hash of the block one below it, and its number is one more,
-- over the last (up to) 32 blocks down to genesis. When the chain is shorter than 4 blocks the
-- scenario asks the node for blocks (node:produce_blocks) first.
local eth = require "eth"

scenario {
	id = "eth.block.linkage",
	title = "Each block's parentHash is the hash of the block below it, down to genesis",
	family = "ethereum",
	roadmap = { "INTEG-02", "TERM-04" },
	timeout = 60,
	run = function(t)
		local node = t.node
		local head = node:height()
		if head < 3 and node:has("mine") then
			node:produce_blocks(3 - head)
			head = node:height()
		end
		if head < 1 then t:inconclusive("the chain has only its genesis block and the target cannot mine") end
		local low = math.max(0, head - 31)
		local above = eth.block(node, head)
		t:need(type(above) == "table", "block " .. head .. " exists")
		for n = head - 1, low, -1 do
			local b = eth.block(node, n)
			t:need(type(b) == "table", "block " .. n .. " exists")
			t:eq(b.number, eth.qty(n), "block " .. n .. ": number")
			t:eq(above.parentHash, b.hash, string.format("block %d: parentHash is the hash of block %d", n + 1, n))
			above = b
		end
		if low == 0 then t:eq(above.parentHash, eth.ZERO_HASH, "genesis parentHash is zero") end
		t:log("checked blocks %d..%d", low, head)
	end,
}
