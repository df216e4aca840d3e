-- Block timestamps increase strictly from parent to child (Yellow Paper 4.3.4: H_s > P(H)_s;
-- execution-specs validate_header). Three blocks are produced back to back first, when the
-- target can mine, because that is where a dev node is tempted to reuse a second.
local eth = require "eth"

scenario {
	id = "eth.block.timestamps",
	title = "Every block's timestamp is later than its parent's",
	family = "ethereum",
	roadmap = { "INTEG-05" },
	timeout = 60,
	run = function(t)
		local node = t.node
		if node:has("mine") then node:produce_blocks(3) end
		local head = node:height()
		if head < 1 then t:inconclusive("the chain has only its genesis block") end
		local low = math.max(0, head - 31)
		local prev = eth.block(node, low)
		for n = low + 1, head do
			local b = eth.block(node, n)
			t:need(type(b) == "table", "block " .. n .. " exists")
			t:ok(eth.u(b.timestamp) > eth.u(prev.timestamp),
				string.format("block %d timestamp %s is later than block %d timestamp %s", n, b.timestamp, n - 1, prev.timestamp))
			prev = b
		end
	end,
}
