-- eth_gasPrice (execution-apis src/eth/fee_market.yaml): no params; the answer must validate against the
-- method's result schema. "Method not found" skips unless the method is mandatory
-- (suites/lib/schema_calls.lua, docs/suite-ethereum-schema.md).
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_gasPrice",
	title = "eth_gasPrice: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	run = function(t)
		sc.call(t, t.node, "eth_gasPrice", {})
	end,
}
