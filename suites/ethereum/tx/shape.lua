-- Transaction objects (eth_getTransactionByHash, and in hydrated blocks) of an included legacy and
-- an included type-2 transaction validate against TransactionInfo of execution-apis
-- (src/schemas/transaction.yaml): contextual fields (blockHash, blockNumber, blockTimestamp, from,
-- hash, transactionIndex) plus the signed fields of the type, in the base-types patterns.
local eth = require "eth"
local S = eth.schema

scenario {
	id = "eth.tx.shape",
	title = "Included transactions carry the fields and types of the execution-apis TransactionInfo schema",
	family = "ethereum",
	roadmap = { "DATA-01", "DATA-05", "DATA-06", "DATA-02", "DATA-03" },
	timeout = 90,
	run = function(t)
		local node = t.node
		local acct = eth.sender(t, node)
		for _, kind in ipairs({ 0, 2 }) do
			local name = kind == 0 and "legacy" or "type-2"
			local sent = eth.transact(t, node, { type = kind, key = acct.key, to = eth.fresh_address("tx-shape"), value = 5 }, name)
			local tx = eth.tx_included(t, node, sent.hash)
			eth.check_schema(t, tx, kind == 0 and S.TransactionInfoLegacy or S.TransactionInfo1559,
				name .. " transaction by hash matches TransactionInfo")
			local block = node:call("eth_getBlockByHash", { sent.receipt.blockHash, true })
			if type(tx) == "table" and type(block) == "table" and tx.blockTimestamp ~= nil then
				t:eq(tx.blockTimestamp, block.timestamp, name .. ": blockTimestamp is the block's timestamp")
			end
			local hydrated
			if type(block) == "table" and eth.is_array(block.transactions) then
				for _, x in ipairs(block.transactions) do
					if type(x) == "table" and x.hash == sent.hash then hydrated = x end
				end
			end
			t:ok(hydrated ~= nil, name .. ": the hydrated block holds the transaction object")
			if hydrated then
				eth.check_schema(t, hydrated, kind == 0 and S.TransactionInfoLegacy or S.TransactionInfo1559,
					name .. " transaction in the hydrated block matches TransactionInfo")
				t:eq(hydrated, tx, name .. ": the hydrated block's object equals the lookup by hash")
			end
		end
	end,
}
