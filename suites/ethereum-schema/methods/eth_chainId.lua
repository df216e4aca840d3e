-- eth_chainId (execution-apis src/eth/client.yaml): no params; the answer must validate against the
-- method's result schema. "Method not found" skips unless the method is mandatory
-- (suites/lib/schema_calls.lua, docs/suite-ethereum-schema.md).
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_chainId",
	title = "eth_chainId: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "NODE-03" },
	vectors = { "execution-apis" },
	run = function(t)
		sc.call(t, t.node, "eth_chainId", {})
	end,
}
