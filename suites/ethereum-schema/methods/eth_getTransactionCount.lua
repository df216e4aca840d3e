-- eth_getTransactionCount (execution-apis src/eth/state.yaml): a dev account that has just
-- sent a transaction, at latest, pending, by block number and block hash; a fresh address.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getTransactionCount",
	title = "eth_getTransactionCount: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		local a = acct.address
		sc.call(t, node, "eth_getTransactionCount", { a, "latest" }, { label = "latest" })
		sc.call(t, node, "eth_getTransactionCount", { a, "pending" }, { label = "pending" })
		sc.call(t, node, "eth_getTransactionCount", { a, eth.qty(tx.number) }, { label = "by block number" })
		sc.call(t, node, "eth_getTransactionCount", { a, tx.block_hash }, { label = "by block hash", accept = true })
		sc.call(t, node, "eth_getTransactionCount", { eth.fresh_address("count"), "latest" }, { label = "fresh address" })
	end,
}
