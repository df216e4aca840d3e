-- A transaction listed in a block reports that block's hash and number and its index in it, and
-- eth_getTransactionByBlockNumberAndIndex / ByBlockHashAndIndex find it at that index.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.block.tx-index",
	title = "Transactions in a block report its hash, number and their index, and are found by index",
	family = "ethereum",
	roadmap = { "INTEG-09", "TX-14", "TX-10" },
	vectors = { "eth-transactions", "eip1559" },
	timeout = 90,
	run = function(t)
		local node = t.node
		eth.check_signer(t, 2)
		canon.eth_decoder(t)
		local acct = eth.account(t, node, 1)
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("tx-index"), value = 1 })
		local rc = sent.receipt
		local b = node:call("eth_getBlockByHash", { rc.blockHash, false })
		t:need(type(b) == "table", "the receipt's block exists")
		local idx = eth.int(rc.transactionIndex)
		t:eq(b.transactions[idx + 1], sent.hash, "the block lists the transaction at the receipt's transactionIndex")
		local tx = eth.tx_included(t, node, sent.hash)
		t:need(type(tx) == "table", "eth_getTransactionByHash finds the transaction")
		t:eq(tx.blockHash, rc.blockHash, "transaction blockHash")
		t:eq(tx.blockNumber, rc.blockNumber, "transaction blockNumber")
		t:eq(tx.transactionIndex, rc.transactionIndex, "transaction transactionIndex")
		t:eq(b.number, rc.blockNumber, "the block's number is the receipt's blockNumber")
		local by_num = node:call("eth_getTransactionByBlockNumberAndIndex", { rc.blockNumber, rc.transactionIndex })
		t:ok(type(by_num) == "table", "found by block number and index", eth.show(by_num))
		if type(by_num) == "table" then
			t:eq(by_num.hash, sent.hash, "by block number and index: hash")
			canon.same_tx(t, by_num, sent.signed.raw, "by block number and index")
			t:eq(by_num.blockHash, rc.blockHash, "by block number and index: blockHash")
			t:eq(by_num.transactionIndex, rc.transactionIndex, "by block number and index: transactionIndex")
		end
		local by_hash = node:call("eth_getTransactionByBlockHashAndIndex", { rc.blockHash, rc.transactionIndex })
		t:ok(type(by_hash) == "table", "found by block hash and index", eth.show(by_hash))
		if type(by_hash) == "table" then
			t:eq(by_hash.hash, sent.hash, "by block hash and index: hash")
			if type(by_num) == "table" then t:eq(by_hash, by_num, "both index lookups answer the same object") end
		end
		local past = node:rpc("eth_getTransactionByBlockNumberAndIndex", { rc.blockNumber, eth.qty(#b.transactions) })
		t:eq(past == nil and "an error" or past, dlt.null, "an index past the block's transactions answers null")
	end,
}
