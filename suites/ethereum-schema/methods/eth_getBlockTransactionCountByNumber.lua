-- eth_getBlockTransactionCountByNumber (execution-apis src/eth/block.yaml): the block of a
-- transaction the scenario sends itself by number, latest, earliest, and a number beyond the head.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBlockTransactionCountByNumber",
	title = "eth_getBlockTransactionCountByNumber: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		sc.call(t, node, "eth_getBlockTransactionCountByNumber", { eth.qty(tx.number) }, { label = "block of the transaction" })
		sc.call(t, node, "eth_getBlockTransactionCountByNumber", { "latest" }, { label = "latest" })
		sc.call(t, node, "eth_getBlockTransactionCountByNumber", { "earliest" }, { label = "earliest" })
		sc.call(t, node, "eth_getBlockTransactionCountByNumber", { eth.qty(sc.height(node) + 1000) },
			{ label = "beyond the head", accept = true })
	end,
}
