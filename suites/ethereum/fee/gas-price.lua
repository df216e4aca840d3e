-- eth_gasPrice and eth_maxPriorityFeePerGas (execution-apis src/eth/fee_market.yaml) answer
-- quantities; a suggested gas price below the current base fee could never be included, so it is
-- at least the latest block's baseFeePerGas.
local eth = require "eth"

scenario {
	id = "eth.fee.gas-price",
	title = "eth_gasPrice and eth_maxPriorityFeePerGas are quantities and the gas price covers the base fee",
	family = "ethereum",
	roadmap = { "PAY-06", "DATA-02", "DATA-01" },
	run = function(t)
		local node = t.node
		local gp = node:call("eth_gasPrice", {})
		t:ok(eth.PRIM.uint(gp), "eth_gasPrice is a quantity (uint)", eth.show(gp))
		local latest = eth.block(node, "latest")
		if type(latest) == "table" and latest.baseFeePerGas ~= nil and eth.PRIM.uint(gp) then
			t:ok(eth.u(gp) >= eth.u(latest.baseFeePerGas),
				string.format("eth_gasPrice %s is at least the latest baseFeePerGas %s", gp, latest.baseFeePerGas))
		end
		local tip = node:call("eth_maxPriorityFeePerGas", {})
		t:ok(eth.PRIM.uint(tip), "eth_maxPriorityFeePerGas is a quantity (uint)", eth.show(tip))
	end,
}
