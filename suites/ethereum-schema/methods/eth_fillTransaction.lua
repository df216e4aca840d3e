-- eth_fillTransaction (execution-apis src/eth/fill.yaml): a value transfer from a dev account
-- with only from, to and value; the node fills nonce, gas and fees. Optional.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_fillTransaction",
	title = "eth_fillTransaction: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-05" },
	vectors = { "execution-apis" },
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		sc.call(t, node, "eth_fillTransaction", { { from = acct.address, to = eth.fresh_address("fill"), value = "0x1" } },
			{ label = "transfer" })
		sc.call(t, node, "eth_fillTransaction", { { from = acct.address, to = eth.fresh_address("fill"), value = "0x1", type = "0x0" } },
			{ label = "legacy transfer", accept = true })
	end,
}
