-- A block fetched by hash equals the same block fetched by number, with and without hydrated
-- transactions: for the genesis block, a block holding a transaction (sent by the scenario)
-- and the latest block.
local eth = require "eth"
local canon = require "canon"

scenario {
	id = "eth.block.by-hash",
	title = "eth_getBlockByHash and eth_getBlockByNumber answer the same block",
	family = "ethereum",
	roadmap = { "INTEG-03" },
	vectors = { "eth-blocks" },
	timeout = 90,
	run = function(t)
		local node = t.node
		canon.eth_header_hash(t)
		local acct = eth.account(t, node, 1)
		local sent = eth.transact(t, node, { type = 2, key = acct.key, to = eth.fresh_address("by-hash"), value = 1 })
		local with_tx = eth.int(sent.receipt.blockNumber)
		for _, n in ipairs({ 0, with_tx, node:height() }) do
			for _, full in ipairs({ false, true }) do
				local label = string.format("block %d (%s)", n, full and "hydrated" or "hashes")
				local by_number = node:call("eth_getBlockByNumber", { eth.qty(n), full })
				t:need(type(by_number) == "table", label .. ": exists by number")
				local by_hash = node:call("eth_getBlockByHash", { by_number.hash, full })
				t:need(type(by_hash) == "table", label .. ": exists by hash")
				t:eq(by_hash, by_number, label .. ": by hash equals by number")
				t:eq(eth.header_hash(by_hash).hash, by_number.hash,
					label .. ": the block fetched by hash hashes (keccak256 of its RLP header) to that hash")
			end
		end
		local b = node:call("eth_getBlockByHash", { sent.receipt.blockHash, false })
		t:need(type(b) == "table", "the receipt's blockHash names a block")
		t:eq(b.number, sent.receipt.blockNumber, "the receipt's blockHash is the block of its blockNumber")
	end,
}
