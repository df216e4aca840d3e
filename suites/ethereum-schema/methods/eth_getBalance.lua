-- eth_getBalance (execution-apis src/eth/state.yaml): a dev account (node.params.accounts) at
-- latest, at the block number and block hash of a transaction the scenario sends, at earliest
-- and pending, and a fresh address (zero).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBalance",
	title = "eth_getBalance: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		local a = acct.address
		sc.call(t, node, "eth_getBalance", { a, "latest" }, { label = "latest" })
		sc.call(t, node, "eth_getBalance", { a, eth.qty(tx.number) }, { label = "by block number" })
		sc.call(t, node, "eth_getBalance", { a, tx.block_hash }, { label = "by block hash", accept = true })
		sc.call(t, node, "eth_getBalance", { a, "earliest" }, { label = "earliest", accept = true })
		sc.call(t, node, "eth_getBalance", { a, "pending" }, { label = "pending", accept = true })
		sc.call(t, node, "eth_getBalance", { a }, { label = "block omitted", accept = true })
		sc.call(t, node, "eth_getBalance", { eth.fresh_address("balance"), "latest" }, { label = "fresh address" })
	end,
}
