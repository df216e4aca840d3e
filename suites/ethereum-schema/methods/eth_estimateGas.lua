-- eth_estimateGas (execution-apis src/eth/execute.yaml): a call to a contract the scenario
-- deploys (it reads storage and logs), a value transfer, and the creation of the same contract.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_estimateGas",
	title = "eth_estimateGas: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local c = sc.deploy(t, node, acct, "estimate")
		sc.call(t, node, "eth_estimateGas", { { from = acct.address, to = c.address, input = "0x" }, "latest" }, { label = "contract call" })
		sc.call(t, node, "eth_estimateGas", { { from = acct.address, to = eth.fresh_address("estimate"), value = "0x1" } },
			{ label = "value transfer, block omitted" })
		sc.call(t, node, "eth_estimateGas", { { from = acct.address, input = c.init }, "latest" }, { label = "contract creation" })
	end,
}
