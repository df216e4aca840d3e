-- eth_chainId (execution-apis src/eth/client.yaml; EIP-695) answers the chain id the target is
-- configured with, as a quantity.
local eth = require "eth"

scenario {
	id = "eth.chain.chain-id",
	title = "eth_chainId answers the configured chain id as a quantity",
	family = "ethereum",
	roadmap = { "NODE-03", "DATA-02" },
	run = function(t)
		local id = t.node:call("eth_chainId", {})
		t:ok(eth.PRIM.uint(id), "eth_chainId is a quantity (uint)", eth.show(id))
		t:eq(id, eth.qty(eth.chain_id(t.node)), "eth_chainId equals params.chain_id")
	end,
}
