-- eth_getBlockTransactionCountByHash (execution-apis src/eth/block.yaml): the block of a
-- transaction the scenario sends itself, and an unknown hash.
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBlockTransactionCountByHash",
	title = "eth_getBlockTransactionCountByHash: the answer validates against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-02" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 2)
		sc.call(t, node, "eth_getBlockTransactionCountByHash", { tx.block_hash }, { label = "block of the transaction" })
		sc.call(t, node, "eth_getBlockTransactionCountByHash", { eth.keccak_str("no such block " .. tx.hash) },
			{ label = "unknown hash", accept = true })
	end,
}
