-- Block objects validate against the Block schema of execution-apis (src/schemas/block.yaml with
-- the patterns of base-types.yaml: uint without leading zeros, lowercase hex, hash32 = 32 bytes,
-- bytes8 nonce, bytes256 bloom, ...): the genesis block, the latest block, and a block holding a
-- transaction, non-hydrated (transactions are hash32) and hydrated (transaction objects, whose
-- own schema eth.tx.shape checks).
local eth = require "eth"
local canon = require "canon"
local S = eth.schema

scenario {
	id = "eth.block.shape",
	title = "Block objects carry the fields and types of the execution-apis Block schema",
	family = "ethereum",
	roadmap = { "DATA-06", "DATA-01", "DATA-02", "DATA-03" },
	vectors = { "eip1474" },
	timeout = 90,
	run = function(t)
		local node = t.node
		-- the Quantity and Data rules the Block schema uses agree with EIP-1474's examples
		canon.eip1474_encodings(t)
		local acct = eth.account(t, node, 1)
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("block-shape"), value = 1 })
		local blocks = { 0, eth.int(sent.receipt.blockNumber), node:height() }
		for _, n in ipairs(blocks) do
			local b = eth.block(node, n, false)
			t:need(type(b) == "table", "block " .. n .. " exists")
			eth.check_schema(t, b, S.Block, string.format("block %d matches the Block schema", n))
			eth.check_schema(t, b.transactions, S.array("hash32"),
				string.format("block %d: non-hydrated transactions are hash32 values", n))
			t:eq(b.number, eth.qty(n), string.format("block %d: number", n))
		end
		local full = eth.block(node, eth.int(sent.receipt.blockNumber), true)
		t:need(type(full) == "table", "the hydrated block exists")
		eth.check_schema(t, full, S.Block, "the hydrated block matches the Block schema")
		t:need(eth.is_array(full.transactions), "hydrated transactions are an array")
		local found
		for _, tx in ipairs(full.transactions) do
			t:ok(type(tx) == "table" and eth.is_object(tx), "hydrated transactions are objects", eth.show(tx))
			if type(tx) == "table" and tx.hash == sent.hash then found = tx end
		end
		-- the transaction objects themselves are checked against TransactionInfo by eth.tx.shape
		t:ok(found ~= nil, "the hydrated block lists the scenario's transaction as an object")
	end,
}
