-- eth_getBlockByHash (execution-apis src/eth/block.yaml): the block of a transaction the
-- scenario sends itself, by hash, with and without hydrated transactions, and a hash no block
-- has (notFound: null).
local eth = require "eth"
local sc = require "schema_calls"

scenario {
	id = "eth.schema.eth_getBlockByHash",
	title = "eth_getBlockByHash: blocks by hash validate against execution-apis",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-06", "DATA-02", "DATA-03" },
	vectors = { "execution-apis" },
	timeout = 120,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		local tx = sc.transfer(t, node, acct, 0)
		local b = sc.call(t, node, "eth_getBlockByHash", { tx.block_hash, false }, { label = "transactions as hashes" })
		t:need(type(b) == "table" and b.hash == tx.block_hash, "the block by hash is the transaction's block", eth.show(b and b.hash))
		sc.call(t, node, "eth_getBlockByHash", { tx.block_hash, true }, { label = "hydrated" })
		local none = sc.call(t, node, "eth_getBlockByHash", { eth.keccak_str("no such block " .. tx.hash), false },
			{ label = "unknown hash", accept = true })
		if none ~= nil then t:eq(none, dlt.null, "an unknown block hash gives null") end
	end,
}
