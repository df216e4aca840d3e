-- eth_blockNumber (execution-apis src/eth/client.yaml) is a quantity equal to the
-- number of the latest block, and to the adapter's height. A node that seals blocks on a timer may
-- move between the calls, so the comparison is retried until two readings of eth_blockNumber
-- frame the others unchanged.
local eth = require "eth"

scenario {
	id = "eth.chain.block-number",
	title = "eth_blockNumber equals node:height() and the number of the latest block",
	family = "ethereum",
	roadmap = { "NODE-11", "DATA-02" },
	run = function(t)
		local node = t.node
		for attempt = 1, 5 do
			local before = node:call("eth_blockNumber", {})
			local latest = eth.block(node, "latest")
			local height = node:height()
			local after = node:call("eth_blockNumber", {})
			if before == after then
				t:ok(eth.PRIM.uint(before), "eth_blockNumber is a quantity (uint)", eth.show(before))
				t:eq(latest.number, before, "number of the latest block equals eth_blockNumber")
				t:eq(height, eth.int(before), "node:height() equals eth_blockNumber")
				t:eq(eth.block(node, eth.int(before)).hash, latest.hash, "block at eth_blockNumber is the latest block")
				return
			end
			t:log("attempt %d: the head moved from %s to %s, retrying", attempt, before, after)
		end
		t:inconclusive("the head moved during every one of 5 attempts")
	end,
}
